namespace Ivr.Storage.Contracts;

/// <summary>Asks for one page of the versions a message (or any cause) produced.</summary>
[GenerateSerializer, Immutable, Alias("ivr.CausationQuery")]
public sealed record CausationQuery
{
    /// <summary>The causation id: for a command from RabbitMQ, the message's <c>message-id</c>. 1 to <see cref="Provenance.MaxFieldLength"/> characters.</summary>
    [Id(0)] public required string CausationId { get; init; }

    /// <summary>
    /// Entity types to return, as in <see cref="ChangeFeedFilter.Types"/> (a type, a prefix ending in <c>*</c>, or
    /// <c>*</c>). Null, the default, is every type; an empty list matches nothing. A caller needs read access on each
    /// pattern (on every type when null), so name the types a caller may read: versions of others are never loaded.
    /// </summary>
    [Id(1)] public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Most versions on the page: 1 to <see cref="ICausationLookupGrain.MaxPageSize"/>; the default is 100.</summary>
    [Id(2)] public int Limit { get; init; } = 100;

    /// <summary>The <see cref="CausedVersionsPage.NextCursor"/> of the previous page; null for the first page.</summary>
    [Id(3)] public string? Cursor { get; init; }

    /// <summary>Checks the id, limit and type patterns (the cursor is checked where it is read).</summary>
    /// <exception cref="EntityValidationException">One of them is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(CausationId) || CausationId.Length > Provenance.MaxFieldLength)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "causationId",
                $"A causation id has 1 to {Provenance.MaxFieldLength} characters; got {CausationId?.Length ?? 0}.");
        }

        if (Limit is < 1 or > ICausationLookupGrain.MaxPageSize)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "limit",
                $"limit must be between 1 and {ICausationLookupGrain.MaxPageSize}; got {Limit}.");
        }

        new ChangeFeedFilter { Types = Types }.Validate();
    }
}
