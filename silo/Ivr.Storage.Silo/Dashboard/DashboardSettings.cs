namespace Ivr.Storage.Silo.Dashboard;

/// <summary>Where the Orleans dashboard is served and who may see it (configuration section <c>Dashboard</c>).</summary>
internal sealed class DashboardSettings
{
    public const string SectionName = "Dashboard";

    /// <summary>Path of the dashboard on the silo's HTTP listener (<c>Http:Url</c>). The default value is <c>/dashboard</c>.</summary>
    public string Path { get; set; } = "/dashboard";

    /// <summary>
    /// Require HTTP Basic authentication. Forced on whenever <c>Http:Url</c> is not a loopback address, because the
    /// dashboard can show grain state and the live log. The default value is false.
    /// </summary>
    public bool RequireAuthorization { get; set; }

    /// <summary>User name for Basic authentication.</summary>
    public string? Username { get; set; }

    /// <summary>
    /// SHA-256 of the password as hex (<c>printf %s "$password" | sha256sum</c>). Unsalted: use a long random
    /// password, handled like an API key.
    /// </summary>
    public string? PasswordHash { get; set; }

    /// <summary>True when both <see cref="Username"/> and <see cref="PasswordHash"/> are set.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(PasswordHash);
}
