namespace Ivr.Storage.Contracts;

/// <summary>
/// Orleans streams that carry committed versions to live subscribers: provider <see cref="ProviderName"/>, one stream
/// per entity type (namespace = the type). Delivery is best effort and may reorder or drop under failures; the change
/// feed is the source of truth, and the client library's <c>ChangeFollower</c> combines the two (see README, "Change feed").
/// </summary>
public static class ChangeStreams
{
    /// <summary>Name of the stream provider.</summary>
    public const string ProviderName = "ivr-changes";

    /// <summary>Key of the one stream per namespace: <c>StreamId.Create(entityType, StreamKey)</c>.</summary>
    public const string StreamKey = "all";
}
