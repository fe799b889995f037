using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>What every scenario gets: the session, the options, and helpers to address entities.</summary>
internal sealed class ScenarioContext(BenchSession session, BenchOptions options)
{
    public BenchSession Session { get; } = session;

    public BenchOptions Options { get; } = options;

    public IEntityGrain Entity(string id) => Session.Client.GetGrain<IEntityGrain>(EntityKey.Create("bench", id).ToGrainKey());

    /// <summary>Provenance and an idempotency key, as the client library sends them.</summary>
    public static WriteOptions Write(string idempotencyKey) => new()
    {
        Provenance = new Provenance { Source = "bench", CorrelationId = idempotencyKey },
        IdempotencyKey = idempotencyKey,
    };
}
