using System.Net.Http.Headers;
using System.Text;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>G1: reads and writes through the HTTP gateway at a fixed request rate, beside the same calls made directly through the Orleans client.</summary>
internal static class GatewayScenarios
{
    private const int Entities = 100;
    private static readonly TimeSpan GatewayStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Reads and writes at the same time, each open loop warming up before its window (see <see cref="OpenLoop"/>).</summary>
    public static async Task<IReadOnlyList<Comparison>> RunG1Async(ScenarioContext context)
    {
        var perSecond = context.Options.Smoke ? 50 : 250;
        await using var gateway = GatewayProcess.Start(FreePorts.Any(), GatewayEnvironment(context.Session.ClusterId, context.Session.Tls));
        await gateway.WaitUntilListeningAsync(GatewayStartTimeout);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(GatewayProcess.ApiKeyHeader, GatewayProcess.DevelopmentApiKey);
        http.DefaultRequestHeaders.Add("X-Source", "bench");
        for (var i = 0; i < Entities; i++)
        {
            await context.Entity(context.Own($"g1-{i}")).Put(Payloads.OneKilobyte(i, 0), ScenarioContext.Write(context.Own($"g1-warm-{i}")));
            (await http.GetAsync(new Uri($"/entities/bench/{context.Own($"g1-{i}")}", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var httpReads = OpenLoop.RunAsync($"HTTP GET entity, {perSecond}/s", perSecond, context.Options.Duration, async sequence =>
            (await http.GetAsync(new Uri($"/entities/bench/{context.Own($"g1-{sequence % Entities}")}", UriKind.Relative))).EnsureSuccessStatusCode(), context.Options.WarmUp);
        var httpWrites = OpenLoop.RunAsync($"HTTP PUT entity, {perSecond}/s", perSecond, context.Options.Duration, async sequence =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/entities/bench/{context.Own($"g1-{sequence % Entities}")}", UriKind.Relative))
            {
                Content = new StringContent(Payloads.OneKilobyte(1, sequence), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add("Idempotency-Key", context.Own($"g1-http-{sequence}"));
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }, context.Options.WarmUp);
        var (reads, writes) = (await httpReads, await httpWrites);

        var directReads = OpenLoop.RunAsync($"Orleans client get, {perSecond}/s", perSecond, context.Options.Duration,
            sequence => context.Entity(context.Own($"g1-{sequence % Entities}")).GetCurrent(), context.Options.WarmUp);
        var directWrites = OpenLoop.RunAsync($"Orleans client put, {perSecond}/s", perSecond, context.Options.Duration,
            sequence => context.Entity(context.Own($"g1-{sequence % Entities}")).Put(Payloads.OneKilobyte(2, sequence), ScenarioContext.Write(context.Own($"g1-direct-{sequence}"))), context.Options.WarmUp);
        var (baseReads, baseWrites) = (await directReads, await directWrites);

        return
        [
            new Comparison("G1", "gateway reads, p99", reads, baseReads, "p99 ms", reads.P99Ms, "< 50 (aim 5)", reads.P99Ms < 50),
            new Comparison("G1", "gateway writes, p99", writes, baseWrites, "p99 ms", writes.P99Ms, "< 100 (aim 20)", writes.P99Ms < 100),
        ];
    }

    /// <summary>The real gateway joined to the bench cluster, with the development API key and no practical rate limit.</summary>
    internal static Dictionary<string, string> GatewayEnvironment(string clusterId, bool tls)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["IvrStorage__ClusterId"] = clusterId,
            ["IvrStorage__ServiceId"] = Silo.BenchSiloHost.ServiceId,
            ["IvrStorage__RedisConnectionString"] = TestServices.RedisConnectionString,
            ["Gateway__WritesPerMinute"] = "100000000",
            ["Gateway__ReadsPerMinute"] = "100000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // An Orleans caller like any other: a certificate of the cluster's CA, TLS as the bench silo runs it.
        foreach (var (name, value) in TestCertificates.ClientEnvironment(TestCertificates.Shared.Caller(tls: tls)))
        {
            environment[name] = value!;
        }

        return environment;
    }
}
