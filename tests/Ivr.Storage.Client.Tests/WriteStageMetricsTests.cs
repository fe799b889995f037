using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

/// <summary>
/// The write-latency breakdown operators read: the silo's <c>ivr.write.stage.duration</c> (grain, queue, statement,
/// complete) and the client's <c>ivr.client.write.duration</c>, through a real cluster and PostgreSQL. The listener
/// sees every meter of the process, so each test writes an entity type of its own and keeps only its measurements.
/// </summary>
[Collection(StoreClusterCollection.Name)]
public sealed class WriteStageMetricsTests(StoreClusterFixture fixture)
{
    private static readonly string[] Stages = ["complete", "grain", "queue", "statement"];

    [Fact]
    public async Task every_acknowledged_write_records_each_stage_once_and_the_stages_fit_in_the_client_observed_total()
    {
        var key = StoreClusterFixture.NewKey($"stages-{Guid.NewGuid():N}");
        using var recorded = new Recorded(key.Type);
        Func<Task>[] writes =
        [
            () => fixture.Store.PutAsync(key, """{"n":1}"""),
            () => fixture.Store.PatchAsync(key, """{"m":2}"""),
            () => fixture.Store.RevertAsync(key, 1),
            () => fixture.Store.DeleteAsync(key),
        ];

        foreach (var write in writes)
        {
            await write();

            // The silo records before it answers and the client before it returns: nothing is still on its way.
            var (stages, totals) = recorded.Take();
            Assert.Equal(Stages, stages.Select(s => s.Stage).Order());
            Assert.All(stages, s => Assert.True(s.Seconds >= 0, $"stage {s.Stage} took {s.Seconds} s"));
            var total = Assert.Single(totals);
            Assert.True(stages.Sum(s => s.Seconds) <= total, $"stages {stages.Sum(s => s.Seconds)} s, client total {total} s");
        }
    }

    [Fact]
    public async Task a_refused_write_records_no_stages_and_no_client_duration()
    {
        var key = StoreClusterFixture.NewKey($"stages-{Guid.NewGuid():N}");
        await fixture.Store.PutAsync(key, """{"n":1}""");
        using var recorded = new Recorded(key.Type);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            fixture.Store.PutAsync(key, """{"n":2}""", new EntityWriteOptions { Expected = ExpectedVersion.Exactly(7) }));

        var (stages, totals) = recorded.Take();
        Assert.Empty(stages);
        Assert.Empty(totals);
    }

    /// <summary>The two histograms' measurements for one entity type, from every meter in the process.</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Stage, double Seconds)> _stages = new();
        private readonly ConcurrentQueue<double> _totals = new();

        public Recorded(string type)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name is "ivr.write.stage.duration" or ClientMetrics.WriteDuration)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                string? stage = null;
                string? entityType = null;
                foreach (var tag in tags)
                {
                    stage = tag.Key == "stage" ? tag.Value as string : stage;
                    entityType = tag.Key == "entity.type" ? tag.Value as string : entityType;
                }

                if (entityType != type)
                {
                    return;
                }

                if (instrument.Name == ClientMetrics.WriteDuration)
                {
                    _totals.Enqueue(value);
                }
                else
                {
                    _stages.Enqueue((stage ?? "(none)", value));
                }
            });
            _listener.Start();
        }

        /// <summary>What was recorded since the last call.</summary>
        public (List<(string Stage, double Seconds)> Stages, List<double> Totals) Take()
        {
            var stages = new List<(string, double)>();
            while (_stages.TryDequeue(out var stage))
            {
                stages.Add(stage);
            }

            var totals = new List<double>();
            while (_totals.TryDequeue(out var total))
            {
                totals.Add(total);
            }

            return (stages, totals);
        }

        public void Dispose() => _listener.Dispose();
    }
}
