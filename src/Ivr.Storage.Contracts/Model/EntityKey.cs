using System.Text;
using System.Text.RegularExpressions;

namespace Ivr.Storage.Contracts;

/// <summary>
/// Identifies one stored entity: a lower-case type name and an id.
/// The id is any non-empty UTF-8 string of at most 256 bytes without control characters, and is stored verbatim.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.EntityKey")]
public readonly partial record struct EntityKey
{
    /// <summary>Maximum length of an id in UTF-8 bytes.</summary>
    public const int MaxIdBytes = 256;

    /// <summary>Separator between type and id in the grain key. Types cannot contain it, ids may.</summary>
    public const char GrainKeySeparator = '/';

    /// <summary>
    /// The reserved type under which schemas are stored: the schema of type T is the entity <c>_schema/T</c>. No
    /// <see cref="Create"/> call can name it (types start with a letter), so no entity route reaches it.
    /// </summary>
    public const string SchemaType = "_schema";

    private EntityKey(string type, string id)
    {
        Type = type;
        Id = id;
    }

    /// <summary>The entity type, matching <c>[a-z][a-z0-9_.-]{0,63}</c>.</summary>
    [Id(0)] public string Type { get; init; }

    /// <summary>The entity id, verbatim.</summary>
    [Id(1)] public string Id { get; init; }

    /// <summary>The Orleans grain key: <c>type/id</c>. The id may itself contain slashes.</summary>
    public string ToGrainKey() => string.Concat(Type, GrainKeySeparator.ToString(), Id);

    /// <summary>Validates and creates a key.</summary>
    /// <exception cref="EntityValidationException">The type or the id is not acceptable (control characters included).</exception>
    public static EntityKey Create(string? type, string? id)
    {
        ValidateType(type);
        ValidateId(id);
        return new EntityKey(type!, id!);
    }

    /// <summary>The key under which the schema of <paramref name="type"/> is stored (<c>_schema/&lt;type&gt;</c>).</summary>
    /// <exception cref="EntityValidationException"><paramref name="type"/> is not a valid entity type.</exception>
    public static EntityKey ForSchema(string? type)
    {
        ValidateType(type);
        return new EntityKey(SchemaType, type!);
    }

    /// <summary>Whether this key holds a schema (<see cref="SchemaType"/>), not an entity.</summary>
    public bool IsSchema => Type == SchemaType;

    /// <summary>
    /// A key read back from the journal or the read model, as it was stored. Not validated again: rows written under
    /// earlier rules (ids with control characters were accepted until issue 15) must still be readable in the feed,
    /// the projection and history, or one old row would stop every reader at its position.
    /// </summary>
    internal static EntityKey FromStorage(string type, string id) => new(type, id);

    /// <summary>Parses a grain key produced by <see cref="ToGrainKey"/>.</summary>
    public static EntityKey FromGrainKey(string grainKey)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        var separator = grainKey.IndexOf(GrainKeySeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidType, "key", $"'{grainKey}' is not an entity grain key (expected 'type/id').");
        }

        return grainKey[..separator] == SchemaType
            ? ForSchema(grainKey[(separator + 1)..])
            : Create(grainKey[..separator], grainKey[(separator + 1)..]);
    }

    private static void ValidateType(string? type)
    {
        if (type is null || !TypePattern().IsMatch(type))
        {
            throw new EntityValidationException(
                ValidationErrorCode.InvalidType,
                "type",
                $"Entity type '{type}' is invalid: it must match [a-z][a-z0-9_.-]{{0,63}} (lower case, starting with a letter, at most 64 characters).");
        }
    }

    private static void ValidateId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidId, "id", "Entity id must not be empty.");
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(id);
        }
        catch (EncoderFallbackException)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidId, "id", "Entity id is not valid UTF-8 (it contains an unpaired surrogate).");
        }

        if (bytes > MaxIdBytes)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidId, "id", $"Entity id is {bytes} bytes long in UTF-8; at most {MaxIdBytes} are allowed.");
        }

        if (id.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL text cannot hold NUL, so such an id could never be stored verbatim.
            throw new EntityValidationException(ValidationErrorCode.InvalidId, "id", "Entity id must not contain the NUL character.");
        }

        if (id.Any(char.IsControl))
        {
            // Ids reach logs, traces and terminals: CR/LF would forge log lines, ESC would drive the operator's terminal.
            throw new EntityValidationException(
                ValidationErrorCode.InvalidId, "id", "Entity id must not contain control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F), such as CR, LF, TAB or ESC.");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // \z, not $: in .NET '$' also matches before a final newline, which let "call-session\n" through as a type.
    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();

    /// <inheritdoc />
    public override string ToString() => ToGrainKey();
}
