using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>The outcome of an acknowledged write (the version is committed).</summary>
internal sealed record WriteResponse(string Type, string Id, long Version, bool Deleted, DateTimeOffset CommittedAt, string Hash, bool IdempotentReplay)
{
    public static WriteResponse From(WriteResult result) =>
        new(result.Key.Type, result.Key.Id, result.Version, result.Deleted, result.CommittedAt, result.Hash, result.IdempotentReplay);
}
