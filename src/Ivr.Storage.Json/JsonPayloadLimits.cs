namespace Ivr.Storage.Json;

/// <summary>How large and how deeply nested a payload or patch may be.</summary>
public sealed record JsonPayloadLimits
{
    /// <summary>The default <see cref="MaxBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>The default <see cref="MaxDepth"/>: 64 levels, the same as System.Text.Json's default.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The ceiling for <see cref="MaxDepth"/>; canonicalization recurses once per level.</summary>
    public const int MaxSupportedDepth = 1000;

    /// <summary>The limits used when none are given: 1 MiB and 64 levels.</summary>
    public static JsonPayloadLimits Default { get; } = new();

    /// <summary>
    /// The largest accepted size in UTF-8 bytes, checked against both the text as received and its canonical form.
    /// The default value is 1048576 (1 MiB).
    /// </summary>
    public int MaxBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBytes), value, "The size limit must be positive.");
    } = DefaultMaxBytes;

    /// <summary>
    /// The deepest accepted nesting of objects and arrays; the root object is level 1, so <c>{"a":{}}</c> is 2 deep.
    /// The default value is 64; at most <see cref="MaxSupportedDepth"/>.
    /// </summary>
    public int MaxDepth
    {
        get;
        init => field = value is > 0 and <= MaxSupportedDepth
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, $"The depth limit must be between 1 and {MaxSupportedDepth}.");
    } = DefaultMaxDepth;

    /// <summary>
    /// Whether a number that canonical form would change is refused (<see cref="JsonPayloadErrorCode.InexactNumber"/>)
    /// rather than rounded: an integer written as digits beyond ±2^53, or a number whose decimal value differs from
    /// its canonical (IEEE-754 double) form, such as 0.10000000000000001 or 1e-400. The default value is
    /// <see langword="true"/>: a store must not change what it acknowledged.
    /// </summary>
    public bool ExactNumbers { get; init; } = true;
}
