using Orleans.Concurrency;

namespace Ivr.Storage.Contracts;

/// <summary>
/// Lookup by message (issue 20): the versions a message caused, i.e. those whose causation id is its id (the command
/// consumer records a RabbitMQ message id so). A stateless worker: any silo answers, from the journal's index.
/// </summary>
[Alias("ivr.ICausationLookupGrain")]
public interface ICausationLookupGrain : IGrainWithIntegerKey
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// One page of the versions caused by <see cref="CausationQuery.CausationId"/>, of the types the query names, in key
    /// order (type, id, version), without payloads.
    /// </summary>
    /// <exception cref="EntityValidationException">The causation id, limit, a type pattern or the cursor is invalid.</exception>
    [Alias("find"), ReadOnly]
    Task<CausedVersionsPage> Find(CausationQuery query);
}
