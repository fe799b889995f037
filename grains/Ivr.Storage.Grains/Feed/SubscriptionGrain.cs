using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Feed;

/// <summary>A subscription's checkpoint, in Orleans' default grain storage (ADO.NET on PostgreSQL).</summary>
internal sealed class SubscriptionGrain([PersistentState("subscription")] IPersistentState<SubscriptionState> state, EntityClock clock) : Grain, ISubscriptionGrain
{
    public Task<FeedPosition> GetCheckpoint() => Task.FromResult(state.State.Checkpoint);

    public async Task Commit(FeedPosition position)
    {
        // A late commit from a consumer that was restarted meanwhile must not move the checkpoint back.
        if (position <= state.State.Checkpoint)
        {
            return;
        }

        state.State.Checkpoint = position;
        state.State.UpdatedAt = clock.TimeProvider.GetUtcNow();
        await state.WriteStateAsync();
    }
}
