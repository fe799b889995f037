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

    private ExpectedVersion(long value) => Value = value;

    /// <summary>-1 for any, 0 for "must not exist", otherwise the exact version.</summary>
    [Id(0)] public long Value { get; init; }

    /// <summary>Whatever the current version is (the default).</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The entity must not exist: never written, or its latest version is a delete.</summary>
    public static ExpectedVersion NotExists { get; } = new(NotExistsValue);

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

    /// <summary>Whether an entity at <paramref name="currentVersion"/> (deleted or not) satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long currentVersion, bool currentIsDeleted) => Value switch
    {
        AnyValue => true,
        NotExistsValue => currentVersion == 0 || currentIsDeleted,
        _ => currentVersion == Value,
    };

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NotExistsValue => "none (must not exist)",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
