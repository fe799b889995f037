using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>Starts the current-state projection and waits (bounded) until it has applied everything written so far.</summary>
internal static class ProjectionCatchUp
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task StartAndWaitAsync(ScenarioContext context)
    {
        var projection = context.Session.Client.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState);
        await projection.EnsureRunning();
        // A write of our own marks "now" in the feed: once the projection passed it, it passed everything before.
        var marker = await context.Entity("projection-marker").Put(Payloads.OneKilobyte(0, 0), ScenarioContext.Write($"marker-{Guid.NewGuid():N}"));
        await Eventually.HoldsAsync(
            async () => (await projection.GetStatus()).Position >= marker.FeedPosition!.Value,
            Limit,
            () => "the read-model projection did not catch up");
    }
}
