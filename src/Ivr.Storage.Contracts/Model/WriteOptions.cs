namespace Ivr.Storage.Contracts;

/// <summary>Everything about a write except its payload.</summary>
[GenerateSerializer, Immutable, Alias("ivr.WriteOptions")]
public sealed record WriteOptions
{
    /// <summary>Maximum length of an idempotency key, in characters.</summary>
    public const int MaxIdempotencyKeyLength = 256;

    /// <summary>Maximum number of tags on one version.</summary>
    public const int MaxTags = 64;

    /// <summary>Who wrote it and why.</summary>
    [Id(0)] public required Provenance Provenance { get; init; }

    /// <summary>The version the writer expects; the default is <see cref="ExpectedVersion.Any"/>.</summary>
    [Id(1)] public ExpectedVersion Expected { get; init; } = ExpectedVersion.Any;

    /// <summary>
    /// A repeated write with the same key on the same entity returns the original result and writes nothing;
    /// the same key with a different request fails with <see cref="IdempotencyConflictException"/>.
    /// </summary>
    [Id(2)] public string? IdempotencyKey { get; init; }

    /// <summary>The version of the payload's schema, chosen by the writer.</summary>
    [Id(3)] public int? SchemaVersion { get; init; }

    /// <summary>Free-form string tags kept with the version.</summary>
    [Id(4)] public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
