using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>What every scenario gets: the session, the options, the round it runs in, and helpers to address entities.</summary>
internal sealed class ScenarioContext(BenchSession session, BenchOptions options, int round = 0)
{
    public BenchSession Session { get; } = session;

    public BenchOptions Options { get; } = options;

    /// <summary>Which repetition this is (0 for the first): scenarios that alternate their runs' order use it.</summary>
    public int Round { get; } = round;

    /// <summary>
    /// An entity id of this scenario run's own: the round is part of it, so a repeated scenario never meets the
    /// entities, idempotency keys or baseline rows of an earlier run.
    /// </summary>
    public string Own(string name) => $"{name}-r{Round}";

    public IEntityGrain Entity(string id) => Session.Client.GetGrain<IEntityGrain>(EntityKey.Create("bench", id).ToGrainKey());

    /// <summary>The same scenario run against another session (T1's plaintext one).</summary>
    public ScenarioContext With(BenchSession other) => new(other, Options, Round);

    /// <summary>Provenance and an idempotency key, as the client library sends them.</summary>
    public static WriteOptions Write(string idempotencyKey) => new()
    {
        Provenance = new Provenance { Source = "bench", CorrelationId = idempotencyKey },
        IdempotencyKey = idempotencyKey,
    };
}
