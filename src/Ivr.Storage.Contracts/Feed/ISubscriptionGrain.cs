namespace Ivr.Storage.Contracts;

/// <summary>
/// A named, durable change-feed subscription (key: its name). Holds only the consumer's checkpoint, kept in the
/// cluster's grain storage; delivery is at-least-once: after a crash the consumer resumes from the last checkpoint.
/// </summary>
[Alias("ivr.ISubscriptionGrain")]
public interface ISubscriptionGrain : IGrainWithStringKey
{
    /// <summary>Where the consumer resumes; <see cref="FeedPosition.Start"/> for a new subscription.</summary>
    [Alias("checkpoint")]
    Task<FeedPosition> GetCheckpoint();

    /// <summary>Records that everything up to <paramref name="position"/> is processed. Never moves backwards.</summary>
    [Alias("commit")]
    Task Commit(FeedPosition position);
}
