using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Silo.Dashboard;

/// <summary>HTTP Basic authentication against <see cref="DashboardSettings.Username"/> and <see cref="DashboardSettings.PasswordHash"/>.</summary>
internal sealed class DashboardBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DashboardSettings> settings) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DashboardBasic";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."));
        }

        var separator = credentials.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0 || !Matches(credentials[..separator], credentials[(separator + 1)..], settings.Value))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong user name or password."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, credentials[..separator])], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"IVR.Storage dashboard\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    /// <summary>Compares in constant time, so response timing tells nothing about how much of a guess was right.</summary>
    internal static bool Matches(string username, string password, DashboardSettings settings)
    {
        if (!settings.HasCredentials)
        {
            return false;
        }

        var expectedHash = Convert.FromHexString(settings.PasswordHash!.Trim());
        var actualHash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        var expectedUser = SHA256.HashData(Encoding.UTF8.GetBytes(settings.Username!));
        var actualUser = SHA256.HashData(Encoding.UTF8.GetBytes(username));
        // Both comparisons always run: no early exit on a wrong user name.
        return CryptographicOperations.FixedTimeEquals(expectedUser, actualUser) & CryptographicOperations.FixedTimeEquals(expectedHash, actualHash);
    }
}
