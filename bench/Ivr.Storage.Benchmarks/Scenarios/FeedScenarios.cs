using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Contracts;
using Ivr.Storage.ReadModel;
using Npgsql;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>F1 (commit-to-read-model lag under a sustained write rate) and RB (a full read-model rebuild beside INSERT … SELECT).</summary>
internal static class FeedScenarios
{
    /// <summary>
    /// F1: the time from a write's commit until the read model shows it, at a steady 1,000 writes/s. The drained start
    /// has the projection caught up first, so the figure is the steady state, not a backlog left by earlier scenarios;
    /// only writes issued after the open loop's warm-up are charged.
    /// </summary>
    public static async Task<Comparison> RunF1Async(ScenarioContext context)
    {
        var rate = context.Options.Smoke ? 200 : 1000;
        var firstMeasured = OpenLoop.FirstMeasured(rate, context.Options.WarmUp);
        var projection = context.Session.Client.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState);
        await projection.EnsureRunning();
        var waiting = new ConcurrentQueue<(FeedPosition Position, DateTimeOffset CommittedAt)>();
        var lags = new List<double>();
        using var stop = new CancellationTokenSource();

        // The observer polls the projection's position and charges each write with the time it became visible.
        var observer = Task.Run(async () =>
        {
            var open = new List<(FeedPosition Position, DateTimeOffset CommittedAt)>();
            while (!stop.IsCancellationRequested || !waiting.IsEmpty || open.Count > 0)
            {
                while (waiting.TryDequeue(out var write))
                {
                    open.Add(write);
                }

                var status = await projection.GetStatus();
                var now = DateTimeOffset.UtcNow;
                open.RemoveAll(write =>
                {
                    if (status.Position < write.Position)
                    {
                        return false;
                    }

                    lags.Add((now - write.CommittedAt).TotalMilliseconds);
                    return true;
                });
                if (stop.IsCancellationRequested && open.Count > 0 && lags.Count > 0 && (now - open[0].CommittedAt) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"{open.Count} writes did not reach the read model within 30 s");
                }

                await Task.Delay(5);
            }
        });

        var writes = await OpenLoop.RunAsync($"put at {rate}/s while the projection runs", rate, context.Options.Duration, async sequence =>
        {
            var id = context.Own($"f1-{sequence % 500}");
            var result = await context.Entity(id).Put(Payloads.OneKilobyte(0, sequence), ScenarioContext.Write($"{id}-{sequence}"));
            if (sequence >= firstMeasured)
            {
                waiting.Enqueue((result.FeedPosition!.Value, result.CommittedAt));
            }
        }, context.Options.WarmUp);
        await stop.CancelAsync();
        await observer;

        var lag = Measurement.FromLatencies("commit-to-read-model lag (ms as latency)", 0, writes.Seconds, lags);
        return new Comparison("F1", $"read-model lag at {rate} writes/s", lag, writes, "p99 lag ms", lag.P99Ms, "<= 200", lag.P99Ms <= 200,
            "steady state: the projection caught up before the warm-up; the baseline row is the write load itself");
    }

    public static async Task<Comparison> RunRebuildAsync(ScenarioContext context)
    {
        var versions = context.Options.Smoke ? 2_000 : context.Options.RebuildVersions;
        const int perEntity = 100;
        for (var start = 0; start < versions; start += perEntity)
        {
            var key = EntityKey.Create("bench-rebuild", context.Own($"r-{start / perEntity}"));
            await Testing.TestChains.AppendAllAsync(context.Session.Journal, Testing.TestChains.Chain(key, Math.Min(perEntity, versions - start)));
        }

        await using var readModel = NpgsqlDataSource.Create(context.Session.Database.JournalConnectionString);
        var feed = (Journal.Feed.IChangeFeedSource)context.Session.Journal;
        var rebuild = Stopwatch.StartNew();
        await ProjectionRebuilder.RebuildAsync(readModel, feed, IProjectionGrain.CurrentState, TimeProvider.System, batchSize: 2000);
        rebuild.Stop();
        var total = await CountJournalAsync(readModel);

        // The raw equivalent: the same projection (latest version per entity, plus hourly counts) as INSERT … SELECT.
        var raw = Stopwatch.StartNew();
        await using (var command = context.Session.Owner.CreateCommand(
            """
            DROP TABLE IF EXISTS ivr_bench.rebuild_entities, ivr_bench.rebuild_stats;
            CREATE TABLE ivr_bench.rebuild_entities AS
            SELECT DISTINCT ON (entity_type, entity_id) entity_type, entity_id, version, kind = 3 AS deleted, payload::jsonb AS payload, committed_at AS updated_at, source
              FROM ivr.journal ORDER BY entity_type, entity_id, version DESC;
            CREATE TABLE ivr_bench.rebuild_stats AS
            SELECT entity_type, source, date_trunc('hour', committed_at) AS hour, count(*) AS versions, count(*) FILTER (WHERE kind = 3) AS deletes
              FROM ivr.journal GROUP BY 1, 2, 3;
            """))
        {
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }

        raw.Stop();
        var ours = new Measurement($"rebuild of {total:N0} journal versions", 1, total, rebuild.Elapsed.TotalSeconds, 0, 0, 0);
        var baseline = new Measurement("raw INSERT … SELECT of the same projection", 1, total, raw.Elapsed.TotalSeconds, 0, 0, 0);
        return new Comparison("RB", "read-model rebuild", ours, baseline, "throughput ratio", ours.PerSecond / baseline.PerSecond, "reported", null,
            $"{ours.PerSecond:0} versions/s vs {baseline.PerSecond:0} versions/s");
    }

    private static async Task<long> CountJournalAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ivr.journal");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
