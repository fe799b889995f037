using System.Diagnostics;
using Ivr.Storage.Benchmarks.Silo;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// Starts, stops and drains the current-state projection of one bench session. The bench silo never starts it by
/// itself; this class remembers whether a scenario did, so the next scenario's drained start knows what to wait for.
/// </summary>
internal sealed class ProjectionControl(IClusterClient client, NpgsqlDataSource owner)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public bool IsRunning { get; private set; }

    private IProjectionGrain Grain => client.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState);

    /// <summary>
    /// Starts the projection if needed and waits (bounded) until it has applied everything written so far; returns the
    /// versions it was behind when the wait began and how long the wait took.
    /// </summary>
    public async Task<CatchUp> StartAndWaitAsync()
    {
        var waited = Stopwatch.StartNew();
        await Grain.EnsureRunning();
        IsRunning = true;
        // A write of our own marks "now" in the feed: once the projection passed it, it passed everything before.
        var marker = await client.GetGrain<IEntityGrain>(EntityKey.Create("bench", "projection-marker").ToGrainKey())
            .Put("""{"marker":true}""", new WriteOptions { Provenance = new Provenance { Source = "bench" } });
        var backlog = await VersionsAfterAsync((await Grain.GetStatus()).Position);
        await Eventually.HoldsAsync(
            async () => (await Grain.GetStatus()).Position >= marker.FeedPosition!.Value,
            Limit,
            () => $"the read-model projection did not catch up with {backlog:N0} versions within {Limit}");
        return new CatchUp(backlog, waited.Elapsed.TotalSeconds);
    }

    /// <summary>Stops the projection (whatever it has not applied stays in the feed for its next start).</summary>
    public async Task StopAsync()
    {
        await client.GetGrain<IBenchProbeGrain>(0).StopProjection();
        IsRunning = false;
    }

    /// <summary>Journal versions after <paramref name="position"/>: what the projection has still to apply.</summary>
    private async Task<long> VersionsAfterAsync(FeedPosition position)
    {
        await using var command = owner.CreateCommand("SELECT count(*) FROM ivr.journal WHERE (tx_id, position) > ($1::text::xid8, $2)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = position.Transaction.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Position });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>How far behind the projection was when a wait began (journal versions), and how long the wait took.</summary>
internal sealed record CatchUp(long BacklogVersions, double Seconds);
