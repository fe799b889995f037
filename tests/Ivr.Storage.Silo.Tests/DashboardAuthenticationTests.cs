using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// A silo whose dashboard must be protected (<c>Dashboard:RequireAuthorization=true</c>) asks for Basic credentials,
/// while the probe and scrape endpoints stay open; in JSON log format every line it writes is a JSON object, and no
/// line holds a password.
/// </summary>
public sealed class DashboardAuthenticationTests
{
    private const string Username = "operator";
    private const string Password = "a-long-random-test-password";

    [Fact]
    public async Task a_protected_dashboard_requires_basic_credentials_and_probes_stay_open_with_json_logs()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        var clusterId = "dashboard-test-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcess.Start(clusterId, portOffset: SiloPorts.NextOffset(), new Dictionary<string, string>
        {
            ["Dashboard__RequireAuthorization"] = "true",
            ["Dashboard__Username"] = Username,
            ["Dashboard__PasswordHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Password))),
            ["Logging__Format"] = "json",
            // Orleans logs every options object at start-up at Information: the connection strings must not show.
            ["Logging__LogLevel__Orleans"] = "Information",
        });
        await silo.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var baseUrl = $"http://127.0.0.1:{silo.HttpPort}";
        var management = $"http://127.0.0.1:{silo.ManagementPort}";
        await HttpProbe.WaitForStatusAsync(http, management + "/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60), () => silo.Output);

        using (var anonymous = await http.GetAsync(baseUrl + "/dashboard/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await GetDashboardAsync(http, baseUrl, Username, "wrong-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetDashboardAsync(http, baseUrl, "someone-else", Password));
        Assert.Equal(HttpStatusCode.OK, await GetDashboardAsync(http, baseUrl, Username, Password));
        // The live log stream would show every log line, entity ids in them: off unless Dashboard:HideTrace=false.
        Assert.Equal(HttpStatusCode.Forbidden, await GetDashboardAsync(http, baseUrl, Username, Password, "Trace"));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(management + "/alive")).StatusCode);
        using (var metrics = await http.GetAsync(management + "/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Contains("orleans_", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
        var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), $"a structured log entry: {line}");
        }

        Assert.Contains(lines, line => line.Contains("IVR.Storage silo of cluster", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(TestServices.JournalConnectionString).Password!, silo.Output, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains("Orleans.Runtime.SiloOptionsLogger", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> GetDashboardAsync(HttpClient http, string baseUrl, string username, string password, string page = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/dashboard/" + page);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
