using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.Silo.Tests.Clusters;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Silo.Tests;

/// <summary>SIGTERM while an external client writes: nothing acknowledged is lost, the silo leaves the cluster and the process exits in time.</summary>
public sealed class GracefulShutdownTests
{
    private const string EntityType = "silo-shutdown";
    private const int Writers = 8;
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task sigterm_during_writes_keeps_every_acknowledged_write_and_exits_zero_within_the_grace_period()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        var clusterId = "shutdown-test-" + Guid.NewGuid().ToString("N")[..8];
        var run = Guid.NewGuid().ToString("N");
        await using var silo = SiloProcess.Start(clusterId, portOffset: SiloPorts.NextOffset(), new Dictionary<string, string>
        {
            ["Orleans__ShutdownGracePeriod"] = GracePeriod.ToString(),
        });
        await silo.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));

        var acknowledged = new ConcurrentBag<(string Id, long Version, int Sequence)>();
        using var stopWriting = new CancellationTokenSource();
        using var sigtermSent = new CancellationTokenSource();
        using var client = await ExternalClient.ConnectAsync(clusterId, responseTimeout: TimeSpan.FromSeconds(10));
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var key = EntityKey.Create(EntityType, $"{run}-{writer}");
            var grain = client.Cluster().GetGrain<IEntityGrain>(key.ToGrainKey());
            for (var sequence = 0; !stopWriting.IsCancellationRequested; sequence++)
            {
                try
                {
                    var result = await grain.Put($$"""{"sequence":{{sequence}}}""", new WriteOptions { Provenance = new Provenance { Source = "shutdown-test" } });
                    acknowledged.Add((key.Id, result.Version, sequence));
                }
                catch (Exception) when (sigtermSent.IsCancellationRequested)
                {
                    // The silo is going away: a refused or unanswered write is expected, and was not acknowledged.
                    return;
                }
            }
        })).ToArray();

        // Writes are flowing when the signal arrives.
        await Eventually.HoldsAsync(() => acknowledged.Count >= 200, TimeSpan.FromSeconds(30), () => $"writes were acknowledged before SIGTERM ({acknowledged.Count})\n{silo.Output}");
        var beforeSignal = acknowledged.Count;
        await sigtermSent.CancelAsync();
        var stopping = Stopwatch.StartNew();
        var exitCode = await silo.TerminateAsync(GracePeriod + TimeSpan.FromSeconds(10));
        var stopTime = stopping.Elapsed;
        await stopWriting.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        // The grace period bounds the host's shutdown; allow a little for the runtime to tear the process down.
        Assert.True(stopTime < GracePeriod + TimeSpan.FromSeconds(3), $"the silo exited after {stopTime}, grace period {GracePeriod}\n{silo.Output}");

        // It left the cluster: its own membership entry says Dead, so nobody waits for it to be suspected.
        await RedisMembership.AssertLeftAsync(clusterId, silo.SiloPort);

        var committed = await JournalChains.ReadSequencesAsync(EntityType, run + "-");
        var missing = acknowledged.Where(write => !committed.TryGetValue((write.Id, write.Version), out var sequence) || sequence != write.Sequence).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes are missing from ivr.journal, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.True(acknowledged.Count >= beforeSignal);
    }
}
