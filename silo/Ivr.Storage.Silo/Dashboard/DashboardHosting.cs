using Ivr.Storage.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Authentication;
using Orleans.Dashboard;

namespace Ivr.Storage.Silo.Dashboard;

/// <summary>
/// Serves the Orleans dashboard on the silo's HTTP listener. The dashboard package has no authentication of its
/// own (NOTES.md), so as soon as the listener is reachable from elsewhere it is put behind Basic authentication,
/// and without credentials configured it is not served at all.
/// </summary>
internal static class DashboardHosting
{
    private const string PolicyName = "Dashboard";

    /// <summary>Registers the dashboard's authentication when it is needed; returns the settings in effect.</summary>
    public static DashboardSettings AddDashboardSecurity(this WebApplicationBuilder builder, string httpUrl)
    {
        var section = builder.Configuration.GetSection(DashboardSettings.SectionName);
        var settings = section.Get<DashboardSettings>() ?? new DashboardSettings();
        settings.RequireAuthorization |= !ListenerUrls.IsLoopback(httpUrl);
        builder.Services.Configure<DashboardSettings>(section);
        if (settings.RequireAuthorization)
        {
            builder.Services.AddAuthentication()
                .AddScheme<AuthenticationSchemeOptions, DashboardBasicAuthenticationHandler>(DashboardBasicAuthenticationHandler.SchemeName, null);
            builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
                .AddAuthenticationSchemes(DashboardBasicAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        }

        return settings;
    }

    /// <summary>Maps the dashboard at <see cref="DashboardSettings.Path"/>, behind the policy when required.</summary>
    public static void MapDashboard(this WebApplication app, DashboardSettings settings)
    {
        if (!settings.RequireAuthorization)
        {
            app.MapOrleansDashboard(settings.Path);
            return;
        }

        if (!settings.HasCredentials)
        {
            app.Logger.LogWarning(
                "The dashboard is not served: it needs authentication (Dashboard:RequireAuthorization, or Http:Url is not loopback) but Dashboard:Username and Dashboard:PasswordHash are not both set.");
            return;
        }

        app.MapOrleansDashboard(settings.Path).RequireAuthorization(PolicyName);
    }
}
