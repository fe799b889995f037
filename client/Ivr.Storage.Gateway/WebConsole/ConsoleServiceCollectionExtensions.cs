using Ivr.Storage.Gateway.WebConsole.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>Services of the console: Razor components rendered on the server, its cookie scheme and its policy.</summary>
internal static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddWebConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.SectionName)
            .Validate(options => options.SessionLifetime > TimeSpan.Zero && options.TimelinePageSize is > 0 and <= 1000 && options.ListPageSize is > 0 and <= 500,
                "Console:SessionLifetime must be positive, Console:TimelinePageSize 1 to 1000 and Console:ListPageSize 1 to 500.")
            .Validate(options => options.DiffOperationsShown is > 0 and <= 10_000 && options.PayloadCharsShown is >= 1024 and <= 4 * 1024 * 1024,
                "Console:DiffOperationsShown must be 1 to 10000 and Console:PayloadCharsShown 1024 to 4194304.")
            .ValidateOnStart();
        services.AddRazorComponents();
        // The Entity page's proof status trusts only these keys (Console:AuditPublicKeyFiles).
        services.AddSingleton<Audit.ConsoleAuditKeys>();
        // The Health page reads a silo's metrics (Console:SiloMetricsUrl).
        services.AddHttpClient(SiloMetrics.ClientName, client => client.Timeout = TimeSpan.FromSeconds(3));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ivr-console-antiforgery";
            options.Cookie.Path = "/console";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Not the API's default scheme: the cookie authenticates console pages only, so the API never accepts a
        // browser's ambient credential (and needs no CSRF defence).
        services.AddAuthentication().AddCookie(ConsoleSession.Scheme);
        services.AddOptions<CookieAuthenticationOptions>(ConsoleSession.Scheme)
            .Configure<IOptions<ConsoleOptions>>((cookie, console) => ConsoleSession.Configure(cookie, console.Value.SessionLifetime));
        services.AddAuthorizationBuilder().AddPolicy(ConsoleSession.Policy, policy =>
            policy.AddAuthenticationSchemes(ConsoleSession.Scheme).RequireAuthenticatedUser());
        return services;
    }
}
