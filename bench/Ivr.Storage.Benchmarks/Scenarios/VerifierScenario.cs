using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// D3: the offline verifier (<c>ivr-storage-verify export</c>, run as a process as an auditor runs it) over an export
/// of many versions that the real gateway streamed (GET /export), beside a plain read of the same file by a process
/// (<c>wc -l</c>). The export's own speed is reported with it.
/// </summary>
internal static class VerifierScenario
{
    private const int VersionsPerEntity = 100;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<IReadOnlyList<Comparison>> RunD3Async(ScenarioContext context)
    {
        var versions = context.Options.Smoke ? 2_000 : context.Options.ExportVersions;
        // A type of the round's own, so the export holds exactly this run's versions.
        var type = $"bench-export-r{context.Round}";
        var chains = Enumerable.Range(0, (versions + VersionsPerEntity - 1) / VersionsPerEntity)
            .Select(n => Testing.TestChains.Chain(EntityKey.Create(type, $"x-{n}"), Math.Min(VersionsPerEntity, versions - (n * VersionsPerEntity))))
            .ToList();
        // Version by version across the entities: concurrent appends of one chain could reach the feed out of version
        // order (a grain never writes so), and the verifier rightly refuses a chain whose leaves run backwards.
        for (var version = 0; version < VersionsPerEntity; version++)
        {
            await Testing.TestChains.AppendAllAsync(context.Session.Journal, [.. chains.Where(c => c.Count > version).Select(c => c[version])]);
        }

        await AuditLogControl.StartAsync(context.Session);
        var head = await AuditLogControl.WaitForHeadCoveringJournalAsync(context.Session);
        await AuditLogControl.StopAsync(context.Session);

        var file = Path.Combine(context.Session.Audit.Directory.FullName, $"export-{type}.ndjson");
        var export = await ExportAsync(context, type, head.TreeSize, file);
        var headFile = context.Session.Audit.HeadPath(head.TreeSize);
        var (verified, output) = await TimeProcessAsync("dotnet", [TestPaths.HostAssembly("src/Ivr.Storage.Verify"), "export", file, "--key", context.Session.Audit.PublicKeyPath, "--head", headFile]);
        if (!output.StartsWith($"valid: {versions} versions", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The verifier did not accept the export: {output}");
        }

        var (read, _) = await TimeProcessAsync("wc", ["-l", file]);
        var megabytes = new FileInfo(file).Length / 1_000_000.0;
        File.Delete(file);
        var ours = new Measurement($"ivr-storage-verify export, {versions:N0} versions ({megabytes:0} MB)", 1, versions, verified, 0, 0, 0);
        var baseline = new Measurement("plain read of the same file (wc -l)", 1, versions, read, 0, 0, 0);
        return
        [
            new Comparison("D3", $"offline verifier over {versions:N0} versions", ours, baseline, "seconds", verified, "< 10", verified < 10,
                $"both as processes (start-up included); the export itself streamed from the gateway at {export.PerSecond:0} versions/s ({export.Seconds:0.0} s)"),
        ];
    }

    /// <summary>GET /export through the real gateway, streamed to <paramref name="file"/>.</summary>
    private static async Task<Measurement> ExportAsync(ScenarioContext context, string type, long treeSize, string file)
    {
        await using var gateway = GatewayProcess.Start(FreePorts.Any(), GatewayScenarios.GatewayEnvironment(context.Session.ClusterId, context.Session.Tls));
        await gateway.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = Limit };
        http.DefaultRequestHeaders.Add(GatewayProcess.ApiKeyHeader, GatewayProcess.DevelopmentApiKey);
        var started = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"/export?type={type}&treeSize={treeSize}"), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using (var target = File.Create(file))
        {
            await response.Content.CopyToAsync(target);
        }

        started.Stop();
        var lines = File.ReadLines(file).LongCount() - 1;
        return new Measurement("GET /export", 1, lines, started.Elapsed.TotalSeconds, 0, 0, 0);
    }

    private static async Task<(double Seconds, string Output)> TimeProcessAsync(string file, string[] arguments)
    {
        var started = Stopwatch.StartNew();
        await using var process = ChildProcess.Start(new ProcessStartInfo(file, arguments));
        var code = await process.WaitForExitAsync(Limit);
        started.Stop();
        return code == 0 ? (started.Elapsed.TotalSeconds, process.Output) : throw new InvalidOperationException($"{file} exited with {code}: {process.Output}");
    }
}
