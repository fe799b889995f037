namespace Ivr.Storage.Contracts;

/// <summary>
/// The version a writer expects the entity to be at. A write whose expectation does not hold
/// fails with <see cref="ConcurrencyConflictException"/> and writes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.ExpectedVersion")]
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -1;
    private const long NotExistsValue = 0;

    // A value of its own rather than a new field: the wire format stays one number, and a silo that predates it reads
    // it as an exact version no entity can have, so it refuses the write instead of writing it unconditionally.
    private const long ExistsValue = -2;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>-1 for any, 0 for "must not exist", -2 for "must exist", otherwise the exact version.</summary>
    [Id(0)] public long Value { get; init; }

    /// <summary>Whatever the current version is (the default).</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The entity must not exist: never written, or its latest version is a delete.</summary>
    public static ExpectedVersion NotExists { get; } = new(NotExistsValue);

    /// <summary>
    /// The entity must exist, at any version: written, and its latest version is not a delete (HTTP <c>If-Match: *</c>).
    /// </summary>
    public static ExpectedVersion Exists { get; } = new(ExistsValue);

    /// <summary>The latest version must be exactly <paramref name="version"/> (1 or more).</summary>
    public static ExpectedVersion Exactly(long version)
    {
        if (version < 1)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "expectedVersion", $"An exact expected version must be 1 or more; got {version}.");
        }

        return new ExpectedVersion(version);
    }

    /// <summary>True for <see cref="Any"/>.</summary>
    public bool IsAny => Value == AnyValue;

    /// <summary>True for <see cref="NotExists"/>.</summary>
    public bool IsNotExists => Value == NotExistsValue;

    /// <summary>True for <see cref="Exists"/>.</summary>
    public bool IsExists => Value == ExistsValue;

    /// <summary>Whether an entity at <paramref name="currentVersion"/> (deleted or not) satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long currentVersion, bool currentIsDeleted) => Value switch
    {
        AnyValue => true,
        NotExistsValue => currentVersion == 0 || currentIsDeleted,
        ExistsValue => currentVersion > 0 && !currentIsDeleted,
        _ => currentVersion == Value,
    };

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NotExistsValue => "none (must not exist)",
        ExistsValue => "any (must exist)",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
