namespace Ivr.Storage.Json;

/// <summary>
/// JSON this library refuses: what kind of problem (<see cref="Code"/>), which input (<see cref="Field"/>, e.g.
/// <c>payload</c> or <c>patch</c>) and why (<see cref="Reason"/>, also the message: written for the caller who sent
/// the JSON, with no internals in it). The library stands alone; its users translate this error at their boundary
/// (IVR.Storage's silo turns it into the contracts' <c>EntityValidationException</c> with the same code, field and reason).
/// </summary>
public sealed class JsonPayloadException : Exception
{
    public JsonPayloadException(JsonPayloadErrorCode code, string field, string reason)
        : this(code, field, reason, pointer: null)
    {
    }

    public JsonPayloadException(JsonPayloadErrorCode code, string field, string reason, string? pointer)
        : base(reason)
    {
        Code = code;
        Field = field;
        Reason = reason;
        Pointer = pointer;
    }

    /// <summary>What kind of problem it is.</summary>
    public JsonPayloadErrorCode Code { get; }

    /// <summary>The input that was wrong: <c>payload</c> or <c>patch</c>.</summary>
    public string Field { get; }

    /// <summary>Why it was wrong, and where in the document.</summary>
    public string Reason { get; }

    /// <summary>The RFC 6901 JSON Pointer of the offending value (the root is the empty string), when the error is about one value.</summary>
    public string? Pointer { get; }
}
