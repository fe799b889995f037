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

    /// <summary>The schema a read asks for: <c>stored</c> (the default: the payload as written) or <c>latest</c> (upcast).</summary>
    public static bool LatestSchema(string? schema) => schema?.ToUpperInvariant() switch
    {
        null or "STORED" => false,
        "LATEST" => true,
        _ => throw Invalid("schema", $"'schema' must be latest or stored; got '{schema}'."),
    };

    public static bool NewestFirst(string? order) => order?.ToUpperInvariant() switch
    {
        null or "ASC" => false,
        "DESC" => true,
        _ => throw Invalid("order", $"'order' must be asc or desc; got '{order}'."),
    };

    /// <summary>Listing order by last update: <c>newest</c> (the default) or <c>oldest</c> first.</summary>
    public static bool OldestFirst(string? order) => order?.ToUpperInvariant() switch
    {
        null or "NEWEST" => false,
        "OLDEST" => true,
        _ => throw Invalid("order", $"'order' must be newest or oldest; got '{order}'."),
    };

    /// <summary>A feed position <c>transaction-position</c> such as <c>0-0</c> (a write's <c>X-Feed-Position</c>, an event id of the change stream).</summary>
    public static FeedPosition? OptionalPosition(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return FeedPosition.Parse(value);
        }
        catch (EntityValidationException)
        {
            throw Invalid(name, $"'{name}' must be a feed position 'transaction-position' such as '0-0' (a write's X-Feed-Position or a change's position); got '{value}'.");
        }
    }

    /// <summary>A JSON object given as a query argument (a containment filter); the store canonicalizes it, this only names a malformed one.</summary>
    public static string? OptionalJsonObject(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(value);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? value
                : throw Invalid(name, $"'{name}' must be a JSON object, e.g. {{\"status\":\"open\"}}.");
        }
        catch (System.Text.Json.JsonException)
        {
            throw Invalid(name, $"'{name}' is not well-formed JSON; send a URL-encoded JSON object, e.g. {{\"status\":\"open\"}}.");
        }
    }

    /// <summary>An ISO-8601 instant with an offset or Z, e.g. <c>2026-01-01T12:00:00Z</c>.</summary>
    public static DateTimeOffset Instant(string value, string name) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw Invalid(name, $"'{name}' must be an ISO-8601 date and time, e.g. 2026-01-01T12:00:00Z; got '{value}'.");

    private static EntityValidationException Invalid(string name, string reason) => new(ValidationErrorCode.InvalidArgument, name, reason);
}
