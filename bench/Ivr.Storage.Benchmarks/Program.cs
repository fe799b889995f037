using System.CommandLine;
using Ivr.Storage.Benchmarks;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Scenarios;
using Ivr.Storage.Benchmarks.Silo;

var duration = new Option<int>("--duration") { Description = "Seconds each timed run lasts.", DefaultValueFactory = _ => 10 };
var warmUp = new Option<int>("--warmup") { Description = "Seconds of unmeasured load before each throughput run (ours and baselines alike).", DefaultValueFactory = _ => 3 };
var concurrency = new Option<int>("--concurrency") { Description = "Callers (and baseline connections) for the concurrent scenarios.", DefaultValueFactory = _ => 64 };
var smoke = new Option<bool>("--smoke") { Description = "Seconds-long run of every scenario with small data, to keep the harness from rotting; targets are printed, not enforced." };
var output = new Option<string>("--output") { Description = "Where to write the JSON results.", DefaultValueFactory = _ => "bench-results.json" };
var scenarios = new Option<string>("--scenarios") { Description = $"Comma-separated subset of {ScenarioCatalog.Ids}.", DefaultValueFactory = _ => ScenarioCatalog.Ids };
var repeat = new Option<int>("--repeat") { Description = "Rounds: the chosen scenarios run this many times, the order rotated each round; the report gives min/median/max of every figure.", DefaultValueFactory = _ => 1 };
var rebuildVersions = new Option<int>("--rebuild-versions") { Description = "Journal versions the RB scenario rebuilds from.", DefaultValueFactory = _ => 1_000_000 };
var treeLeaves = new Option<int>("--tree-leaves") { Description = "Leaves of the synthetic transparency log D2 proves from.", DefaultValueFactory = _ => 10_000_000 };
var exportVersions = new Option<int>("--export-versions") { Description = "Versions of the export D3 verifies.", DefaultValueFactory = _ => 100_000 };

var root = new RootCommand("IVR.Storage benchmark harness: every scenario beside its baseline, measured in the same run.");
foreach (var option in new Option[] { duration, warmUp, concurrency, smoke, output, scenarios, repeat, rebuildVersions, treeLeaves, exportVersions })
{
    root.Options.Add(option);
}

repeat.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < 1)
    {
        result.AddError("--repeat must be at least 1.");
    }
});
scenarios.Validators.Add(result =>
{
    var unknown = (result.GetValueOrDefault<string>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(id => !ScenarioCatalog.All.Any(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase))).ToArray();
    if (unknown.Length > 0)
    {
        result.AddError($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {ScenarioCatalog.Ids}.");
    }
});

root.SetAction((parse, _) => BenchRunner.RunAsync(new BenchOptions
{
    Duration = TimeSpan.FromSeconds(parse.GetValue(smoke) ? 1 : parse.GetValue(duration)),
    WarmUp = TimeSpan.FromSeconds(parse.GetValue(smoke) ? 0 : parse.GetValue(warmUp)),
    Concurrency = parse.GetValue(smoke) ? Math.Min(16, parse.GetValue(concurrency)) : parse.GetValue(concurrency),
    Smoke = parse.GetValue(smoke),
    OutputPath = parse.GetValue(output)!,
    RebuildVersions = parse.GetValue(rebuildVersions),
    TreeLeaves = parse.GetValue(treeLeaves),
    ExportVersions = parse.GetValue(exportVersions),
    Repeat = parse.GetValue(repeat),
    Scenarios = parse.GetValue(scenarios)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
}));

var clusterId = new Option<string>("--cluster-id") { Required = true };
var siloPort = new Option<int>("--silo-port") { Required = true };
var gatewayPort = new Option<int>("--gateway-port") { Required = true };
var tls = new Option<bool>("--tls") { Description = "Mutual TLS on the Orleans ports (caller tokens are checked either way)." };
var parentPid = new Option<int>("--parent-pid") { Description = "The harness's process: the silo stops when it is gone.", Required = true };
var silo = new Command("silo", "Internal: the silo the harness starts as a child process.") { Hidden = true };
silo.Options.Add(clusterId);
silo.Options.Add(siloPort);
silo.Options.Add(gatewayPort);
silo.Options.Add(tls);
silo.Options.Add(parentPid);
silo.SetAction((parse, _) => BenchSiloHost.RunAsync(
    parse.GetValue(clusterId)!,
    parse.GetValue(siloPort),
    parse.GetValue(gatewayPort),
    parse.GetValue(tls),
    parse.GetValue(parentPid),
    Environment.GetEnvironmentVariable("IVR_BENCH_JOURNAL") ?? throw new InvalidOperationException("IVR_BENCH_JOURNAL is not set"),
    Environment.GetEnvironmentVariable(BenchAudit.DirectoryVariable)));
root.Subcommands.Add(silo);

return await root.Parse(args).InvokeAsync();
