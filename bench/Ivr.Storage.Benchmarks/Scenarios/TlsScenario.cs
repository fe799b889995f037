using System.Globalization;
using Ivr.Storage.Benchmarks.Harness;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// T1, the cost of mutual TLS (issue 15): W1's writes and R1's reads through the run's silo (mutual TLS on the Orleans
/// ports) and through a second silo of its own with TLS off (caller tokens are checked either way), each beside the
/// raw baseline of its own database. Both sessions stay up the whole time and their runs alternate, the order
/// flipping from round to round, so drift on a shared machine hits both sides alike.
/// </summary>
internal static class TlsScenario
{
    public static async Task<IReadOnlyList<Comparison>> RunT1Async(ScenarioContext context)
    {
        if (!context.Session.Tls)
        {
            throw new InvalidOperationException("T1 needs the run's session to use mutual TLS");
        }

        await using var plaintextSession = await BenchSession.StartAsync(tls: false);
        var secure = context;
        var plaintext = context.With(plaintextSession);
        // The new session's database is fresh; only the shared server's dirty buffers could weigh on it.
        await DrainedStart.CheckpointAsync(plaintextSession);
        foreach (var side in new[] { secure, plaintext })
        {
            await W1Load.ActivateAsync(side, "t1w");
            await W1Load.ActivateAsync(side, "t1r");
            await W1Load.InsertRawAsync(side, "t1r");
        }

        // ABBA: first, second, then the raw baselines in the opposite order.
        var (first, second) = context.Round % 2 == 0 ? (plaintext, secure) : (secure, plaintext);
        var writes = new Dictionary<ScenarioContext, (Measurement Ours, Measurement Raw)>();
        var firstRawWrites = await W1Load.RawInsertAsync(first, "t1w");
        var firstWrites = await W1Load.PutAsync(first, "t1w", Name("put 1 KB, distinct entities", first));
        var secondWrites = await W1Load.PutAsync(second, "t1w", Name("put 1 KB, distinct entities", second));
        var secondRawWrites = await W1Load.RawInsertAsync(second, "t1w");
        writes[first] = (firstWrites, firstRawWrites);
        writes[second] = (secondWrites, secondRawWrites);

        var reads = new Dictionary<ScenarioContext, (Measurement Ours, Measurement Raw)>();
        var secondRawReads = await W1Load.RawSelectAsync(second, "t1r");
        var secondReads = await W1Load.GetAsync(second, "t1r", Name("get current state", second));
        var firstReads = await W1Load.GetAsync(first, "t1r", Name("get current state", first));
        var firstRawReads = await W1Load.RawSelectAsync(first, "t1r");
        reads[first] = (firstReads, firstRawReads);
        reads[second] = (secondReads, secondRawReads);

        var token = await CallerTokenCost.MeasureAsync(context.Session, context.Options.Smoke ? 20_000 : 100_000);
        var share = 100 * token.CpuMicrosecondsPerOperation / writes[secure].Ours.CpuMicrosecondsPerOperation;
        return
        [
            TlsRatio("writes (W1): mutual TLS ÷ TLS off", writes[secure], writes[plaintext]),
            WriteScenarios.Throughput("T1", "writes, mutual TLS, vs raw INSERT", writes[secure].Ours, writes[secure].Raw, target: null),
            WriteScenarios.Throughput("T1", "writes, TLS off, vs raw INSERT", writes[plaintext].Ours, writes[plaintext].Raw, target: null),
            TlsRatio("reads (R1): mutual TLS ÷ TLS off", reads[secure], reads[plaintext]),
            WriteScenarios.Throughput("T1", "reads, mutual TLS, vs raw SELECT", reads[secure].Ours, reads[secure].Raw, target: null),
            WriteScenarios.Throughput("T1", "reads, TLS off, vs raw SELECT", reads[plaintext].Ours, reads[plaintext].Raw, target: null),
            new Comparison("T1", "caller token CPU per call, % of a TLS write's CPU", token, null, "% of W1 CPU/op", share, "reported", null,
                string.Create(CultureInfo.InvariantCulture, $"{token.CpuMicrosecondsPerOperation:0.00} µs per call (issue + request context round trip + cached check), measured in-process; a write's CPU {writes[secure].Ours.CpuMicrosecondsPerOperation:0} µs")),
        ];
    }

    private static string Name(string what, ScenarioContext side) => $"{what}, TLS {(side.Session.Tls ? "on" : "off")}";

    // The target holds the direct ratio; the note gives the same ratio with each side first divided by its own raw
    // baseline, which cancels drift of the machine between the two runs.
    private static Comparison TlsRatio(string scenario, (Measurement Ours, Measurement Raw) secure, (Measurement Ours, Measurement Raw) plaintext)
    {
        var ratio = plaintext.Ours.PerSecond > 0 ? secure.Ours.PerSecond / plaintext.Ours.PerSecond : 0;
        var normalized = ratio * (plaintext.Raw.PerSecond / secure.Raw.PerSecond);
        var cpu = secure.Ours.CpuMicrosecondsPerOperation / plaintext.Ours.CpuMicrosecondsPerOperation;
        return new Comparison("T1", scenario, secure.Ours, plaintext.Ours, "throughput ratio", ratio, ">= 0.9x", ratio >= 0.9,
            string.Create(CultureInfo.InvariantCulture, $"against each side's own raw baseline {normalized:0.00}; CPU per operation TLS ÷ off {cpu:0.00}"));
    }
}
