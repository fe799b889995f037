using System.Globalization;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Http;

/// <summary>
/// Parses query and route arguments by hand: a malformed value is a 400 problem naming the argument, instead of
/// the framework's bare 400 (or, in Development, an exception).
/// </summary>
internal static class QueryArguments
{
    public static long RequiredVersion(string? value, string name) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Invalid(name, $"'{name}' must be a version number; got '{value}'.");

    public static int? OptionalInt(string? value, string name) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : throw Invalid(name, $"'{name}' must be a whole number; got '{value}'.");

    public static bool OptionalBool(string? value, string name) =>
        value is null ? false
        : bool.TryParse(value, out var flag) ? flag
        : throw Invalid(name, $"'{name}' must be true or false; got '{value}'.");

    public static bool NewestFirst(string? order) => order?.ToUpperInvariant() switch
    {
        null or "ASC" => false,
        "DESC" => true,
        _ => throw Invalid("order", $"'order' must be asc or desc; got '{order}'."),
    };

    /// <summary>An ISO-8601 instant with an offset or Z, e.g. <c>2026-01-01T12:00:00Z</c>.</summary>
    public static DateTimeOffset Instant(string value, string name) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw Invalid(name, $"'{name}' must be an ISO-8601 date and time, e.g. 2026-01-01T12:00:00Z; got '{value}'.");

    private static EntityValidationException Invalid(string name, string reason) => new(ValidationErrorCode.InvalidArgument, name, reason);
}
