using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// Lookup by message (issue 20): which versions a message caused. The RabbitMQ command consumer stores each message's
/// <c>message-id</c> as its versions' causation id; writers that set <see cref="Provenance.CausationId"/> themselves are
/// found the same way. Errors are typed as in <see cref="IEntityStore"/>; reads are retried like any read.
/// </summary>
public interface ICausationLookup
{
    /// <summary>
    /// One page of the versions whose causation id is <see cref="CausationQuery.CausationId"/>, in key order (type, id,
    /// version), without payloads; continue with <see cref="CausedVersionsPage.NextCursor"/> until it is null.
    /// </summary>
    /// <exception cref="EntityValidationException">The causation id, limit, a type pattern or the cursor is invalid.</exception>
    /// <exception cref="AccessDeniedException">This client may not read every type the query names (every type when it names none).</exception>
    Task<CausedVersionsPage> FindCausedAsync(CausationQuery query, CancellationToken cancellationToken = default);
}
