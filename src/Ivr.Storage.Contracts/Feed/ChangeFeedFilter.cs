using System.Text.RegularExpressions;

namespace Ivr.Storage.Contracts;

/// <summary>
/// Which changes a feed read returns and whether they carry payloads. The filter runs in the database: rows of other
/// types are never loaded, yet a page's <see cref="ChangePage.Next"/> still moves past them, so a follower of a rare
/// type does not scan the same rows again.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.ChangeFeedFilter")]
public sealed partial record ChangeFeedFilter
{
    /// <summary>Most type patterns one filter may name.</summary>
    public const int MaxTypes = 64;

    /// <summary>Every change, with payloads: what <see cref="IChangeFeedGrain.Read(FeedPosition, int)"/> returns.</summary>
    public static ChangeFeedFilter Everything { get; } = new();

    /// <summary>
    /// Entity types to return, each a type (<c>call-session</c>) or a prefix ending in <c>*</c> (<c>call-*</c>; <c>*</c>
    /// alone is every type). Null, the default, is every type; an empty list matches nothing (the page only moves the
    /// cursor). At most <see cref="MaxTypes"/>.
    /// </summary>
    [Id(0)] public IReadOnlyList<string>? Types { get; init; }

    /// <summary>
    /// Whether changes carry their payload. The default is true; without payloads the database does not read them,
    /// and <see cref="ChangeEvent.Payload"/> is null.
    /// </summary>
    [Id(1)] public bool IncludePayloads { get; init; } = true;

    /// <summary>
    /// Whether payloads are shown at their type's latest schema version (upcast from the version each was stored
    /// under; <see cref="ChangeEvent.ShownAtSchemaVersion"/> names it). The default is false: the stored bytes.
    /// <see cref="ChangeEvent.PayloadSchemaVersion"/> and <see cref="ChangeEvent.Hash"/> always stay the stored ones; a
    /// payload an upcaster cannot apply to (possible only after a forced or <c>none</c> schema change) is delivered as
    /// stored, with <see cref="ChangeEvent.ShownAtSchemaVersion"/> null, rather than stopping the feed.
    /// </summary>
    [Id(2)] public bool AtLatestSchema { get; init; }

    /// <summary>Checks the type patterns.</summary>
    /// <exception cref="EntityValidationException">Too many patterns, or one that no entity type could match.</exception>
    public void Validate()
    {
        if (Types is null)
        {
            return;
        }

        if (Types.Count > MaxTypes)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "types", $"A change feed filter names at most {MaxTypes} types; got {Types.Count}.");
        }

        foreach (var pattern in Types)
        {
            if (pattern is null || !TypePattern().IsMatch(pattern))
            {
                throw new EntityValidationException(
                    ValidationErrorCode.InvalidType,
                    "types",
                    $"'{pattern}' is not an entity type ([a-z][a-z0-9_.-]{{0,63}}) nor a prefix of one followed by '*' (e.g. 'call-*').");
            }
        }
    }

    /// <summary>Whether <paramref name="pattern"/> is a type or a prefix pattern that <see cref="Validate"/> accepts.</summary>
    public static bool IsTypePattern(string pattern) => TypePattern().IsMatch(pattern);

    [GeneratedRegex(@"^(?:[a-z][a-z0-9_.-]{0,63}\*?|\*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TypePattern();
}
