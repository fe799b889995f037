namespace Ivr.Storage.Contracts;

/// <summary>An input was rejected before anything was written.</summary>
[GenerateSerializer, Alias("ivr.EntityValidationException")]
public sealed class EntityValidationException : EntityStoreException
{
    public EntityValidationException(ValidationErrorCode code, string field, string reason)
        : this(code, field, reason, pointer: null)
    {
    }

    public EntityValidationException(ValidationErrorCode code, string field, string reason, string? pointer)
        : base(reason)
    {
        Code = code;
        Field = field;
        Reason = reason;
        Pointer = pointer;
    }

    /// <summary>What kind of problem it is.</summary>
    [Id(0)] public ValidationErrorCode Code { get; private set; }

    /// <summary>The input that was wrong, e.g. <c>type</c>, <c>payload</c>, <c>provenance.source</c>.</summary>
    [Id(1)] public string Field { get; private set; }

    /// <summary>Why it was wrong.</summary>
    [Id(2)] public string Reason { get; private set; }

    /// <summary>The RFC 6901 JSON Pointer of the offending value inside <see cref="Field"/>, when the error is about one value.</summary>
    [Id(3)] public string? Pointer { get; private set; }
}
