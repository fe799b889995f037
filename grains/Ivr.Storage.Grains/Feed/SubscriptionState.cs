using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Feed;

[GenerateSerializer, Alias("ivr.SubscriptionState")]
public sealed class SubscriptionState
{
    [Id(0)] public FeedPosition Checkpoint { get; set; }

    [Id(1)] public DateTimeOffset? UpdatedAt { get; set; }
}
