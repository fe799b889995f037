namespace Ivr.Storage.Json;

/// <summary>What kind of problem a <see cref="JsonPayloadException"/> reports.</summary>
public enum JsonPayloadErrorCode
{
    /// <summary>The text is not well-formed JSON, or not valid UTF-8.</summary>
    MalformedJson = 0,

    /// <summary>
    /// The JSON is well-formed but not acceptable: a root that is not an object, nesting too deep, a number beyond the
    /// double range, a repeated member name, an unpaired surrogate; or a JSON Patch that is not a valid patch.
    /// </summary>
    InvalidPayload = 1,

    /// <summary>The text or its canonical form is larger than <see cref="JsonPayloadLimits.MaxBytes"/>.</summary>
    PayloadTooLarge = 2,

    /// <summary>A valid JSON Patch operation cannot apply to the document (a missing location, a failed <c>test</c>).</summary>
    InvalidOperation = 3,

    /// <summary>
    /// A number would not keep its value in canonical form: an integer beyond ±2^53, or a decimal with more precision
    /// than a double holds (or too small for one). <see cref="JsonPayloadException.Pointer"/> says where; send such
    /// values as strings (I-JSON, RFC 7493).
    /// </summary>
    InexactNumber = 4,
}
