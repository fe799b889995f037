using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Silo;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// The W1-shaped load that W1, R1, T1 and L1 share: <c>concurrency</c> callers, each with
/// <see cref="BenchOptions.EntitiesPerCaller"/> entities of its own named <c>{prefix}-{caller}-{entity}</c> (plus the
/// round), written or read in turn.
/// </summary>
internal static class W1Load
{
    public static string Id(ScenarioContext context, string prefix, int caller, int entity) => context.Own($"{prefix}-{caller}-{entity}");

    /// <summary>
    /// Writes every entity once (and, with <paramref name="adoNet"/>, the ADO.NET baseline grain of the same name), so
    /// that the measured runs meet active grains: they measure writes, not activations.
    /// </summary>
    public static Task ActivateAsync(ScenarioContext context, string prefix, bool adoNet = false)
    {
        var perCaller = context.Options.EntitiesPerCaller;
        return LoadRunner.RunAsync("warm-up", context.Options.Concurrency, TimeSpan.FromHours(1), async (caller, sequence) =>
        {
            var id = Id(context, prefix, caller, (int)sequence);
            await context.Entity(id).Put(Payloads.OneKilobyte(caller, 0), ScenarioContext.Write($"warm-{id}"));
            if (adoNet)
            {
                await context.Session.Client.GetGrain<IAdoNetBaselineGrain>(id).Write(Payloads.OneKilobyte(caller, 0));
            }
        }, maxOperationsPerCaller: perCaller);
    }

    /// <summary>Inserts version 1 of every entity into the raw baseline table, for the raw SELECTs of a read run.</summary>
    public static Task InsertRawAsync(ScenarioContext context, string prefix) =>
        LoadRunner.RunAsync("raw rows", context.Options.Concurrency, TimeSpan.FromHours(1),
            (caller, sequence) => context.Session.Baseline.InsertAsync(Id(context, prefix, caller, (int)sequence), 1, Payloads.OneKilobyte(caller, 0)),
            maxOperationsPerCaller: context.Options.EntitiesPerCaller);

    /// <summary>
    /// Our path: puts of 1 KB, each caller cycling through its entities. A second run over the same entities needs a
    /// <paramref name="run"/> of its own: its idempotency keys would otherwise repeat the first run's, and every put
    /// would be a replay of an earlier write, not a write.
    /// </summary>
    public static Task<Measurement> PutAsync(ScenarioContext context, string prefix, string name, string run = "")
    {
        var perCaller = context.Options.EntitiesPerCaller;
        return LoadRunner.RunAsync(name, context.Options.Concurrency, context.Options.Duration,
            (caller, sequence) => context.Entity(Id(context, prefix, caller, (int)(sequence % perCaller)))
                .Put(Payloads.OneKilobyte(caller, sequence), ScenarioContext.Write($"{prefix}{run}-{caller}-{sequence}")),
            cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
    }

    /// <summary>The raw baseline of <see cref="PutAsync"/>: one single-row INSERT per write, one connection per caller.</summary>
    public static Task<Measurement> RawInsertAsync(ScenarioContext context, string prefix)
    {
        var perCaller = context.Options.EntitiesPerCaller;
        return LoadRunner.RunAsync($"raw INSERT 1 row, {context.Options.Concurrency} connections", context.Options.Concurrency, context.Options.Duration,
            (caller, sequence) => context.Session.Baseline.InsertAsync(Id(context, prefix, caller, (int)(sequence % perCaller)), (sequence / perCaller) + 1, Payloads.OneKilobyte(caller, sequence)),
            cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
    }

    /// <summary>Current-state reads of active entities (written by <see cref="ActivateAsync"/>).</summary>
    public static Task<Measurement> GetAsync(ScenarioContext context, string prefix, string name)
    {
        var perCaller = context.Options.EntitiesPerCaller;
        return LoadRunner.RunAsync(name, context.Options.Concurrency, context.Options.Duration,
            (caller, sequence) => context.Entity(Id(context, prefix, caller, (int)(sequence % perCaller))).GetCurrent(),
            cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
    }

    /// <summary>The raw baseline of <see cref="GetAsync"/>: primary-key SELECTs of the rows <see cref="InsertRawAsync"/> wrote.</summary>
    public static Task<Measurement> RawSelectAsync(ScenarioContext context, string prefix)
    {
        var perCaller = context.Options.EntitiesPerCaller;
        return LoadRunner.RunAsync($"raw primary-key SELECT, {context.Options.Concurrency} connections", context.Options.Concurrency, context.Options.Duration,
            (caller, sequence) => context.Session.Baseline.SelectAsync(Id(context, prefix, caller, (int)(sequence % perCaller)), 1),
            cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
    }
}
