namespace Ivr.Storage.Testing;

/// <summary>The configuration every test silo gets, whatever hosts it; fixtures add their differences.</summary>
public static class SiloConfiguration
{
    /// <summary>Journal, projection switch, and <see cref="Security"/>; quiet logs.</summary>
    public static Dictionary<string, string?> Common(string journalConnectionString, bool runProjection, bool tls)
    {
        var settings = Security(tls);
        settings["ConnectionStrings:Journal"] = journalConnectionString;
        settings["ReadModel:Enabled"] = runProjection ? "true" : "false";
        // Test processes host many silos; their information logs would drown the test output.
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    /// <summary>
    /// The test silo certificate and one caller, <see cref="TestCertificates.TestCaller"/>, allowed everything (every
    /// scope, naming the actor of its writes): what the test clients connect as.
    /// </summary>
    public static Dictionary<string, string?> Security(bool tls = true)
    {
        var settings = TestCertificates.Settings("Orleans:Tls", TestCertificates.Shared.Silo(tls));
        settings["Security:Callers:0:Name"] = TestCertificates.TestCaller;
        settings["Security:Callers:0:Scopes:0"] = "entities:admin:*";
        settings["Security:Callers:0:Scopes:1"] = "schemas:admin:*";
        settings["Security:Callers:0:MayActFor"] = "true";
        return settings;
    }

    /// <summary>The same settings as environment variables of a child process (<c>A:B</c> → <c>A__B</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> AsEnvironment(IReadOnlyDictionary<string, string?> settings) =>
        settings.Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value));
}
