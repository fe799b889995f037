namespace Ivr.Storage.Contracts;

/// <summary>One way a payload breaks its type's schema.</summary>
[GenerateSerializer, Immutable, Alias("ivr.SchemaViolation")]
public sealed record SchemaViolation
{
    /// <summary>The RFC 6901 JSON Pointer of the offending value in the payload (the root is the empty string).</summary>
    [Id(0)] public required string Pointer { get; init; }

    /// <summary>The JSON Schema keyword that failed, e.g. <c>required</c>, <c>type</c>, <c>pattern</c>.</summary>
    [Id(1)] public required string Keyword { get; init; }

    /// <summary>What is wrong, for the person who sent the payload.</summary>
    [Id(2)] public required string Message { get; init; }

    /// <summary>Where in the schema the keyword sits (its evaluation path), e.g. <c>/properties/caller/pattern</c>.</summary>
    [Id(3)] public required string SchemaPath { get; init; }
}
