using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// The outcome of an acknowledged write (the version is committed). <see cref="FeedPosition"/> (also the
/// <c>X-Feed-Position</c> header) is the <c>minPosition</c> that reads this write back from the read model.
/// </summary>
internal sealed record WriteResponse(string Type, string Id, long Version, bool Deleted, DateTimeOffset CommittedAt, string Hash, bool IdempotentReplay, string? FeedPosition)
{
    public static WriteResponse From(WriteResult result) =>
        new(result.Key.Type, result.Key.Id, result.Version, result.Deleted, result.CommittedAt, result.Hash, result.IdempotentReplay, result.FeedPosition?.ToString());
}
