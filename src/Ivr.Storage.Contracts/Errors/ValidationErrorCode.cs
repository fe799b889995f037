namespace Ivr.Storage.Contracts;

/// <summary>What exactly was wrong with an input. Gateways map these to HTTP status codes.</summary>
[GenerateSerializer]
public enum ValidationErrorCode
{
    /// <summary>An argument is out of range or missing.</summary>
    InvalidArgument = 0,

    /// <summary>The entity type does not match <c>[a-z][a-z0-9_.-]{0,63}</c>.</summary>
    InvalidType = 1,

    /// <summary>The entity id is empty, too long or not valid UTF-8.</summary>
    InvalidId = 2,

    /// <summary>The payload or patch is not well-formed JSON.</summary>
    MalformedJson = 3,

    /// <summary>The payload is well-formed JSON but not acceptable (not an object, too deep, a number out of range).</summary>
    InvalidPayload = 4,

    /// <summary>The payload is larger than the configured limit.</summary>
    PayloadTooLarge = 5,

    /// <summary>Provenance is missing its source, or a field is too long.</summary>
    InvalidProvenance = 6,

    /// <summary>The operation cannot apply to this entity's state (e.g. reverting to a tombstone).</summary>
    InvalidOperation = 7,

    /// <summary>
    /// A number in the payload would not keep its value (an integer beyond ±2^53, or more precision than a double
    /// holds); <see cref="EntityValidationException.Pointer"/> says where. Send such values as strings.
    /// </summary>
    InexactNumber = 8,

    /// <summary>A schema definition was refused (malformed, too large or deep, a remote reference, an unsafe pattern); the pointer says where.</summary>
    InvalidSchema = 9,

    /// <summary>The silo requires a schema for every type (<c>EntityStore:RequireSchema</c>) and this type has none.</summary>
    SchemaRequired = 10,
}
