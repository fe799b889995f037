using System.Globalization;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Errors;
using Microsoft.Net.Http.Headers;

namespace Ivr.Storage.Gateway.Http;

/// <summary>
/// Versions travel as strong entity tags: version 7 is <c>"7"</c>. <c>If-Match: "7"</c> means "expect version 7",
/// <c>If-Match: *</c> "must exist" and <c>If-None-Match: *</c> "must not exist"; each becomes the write's
/// <see cref="ExpectedVersion"/>, checked by the entity's grain as it writes (no read before the write). On reads,
/// <c>If-None-Match</c> gives 304 when it still matches.
/// </summary>
internal static class Preconditions
{
    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>What a write's headers expect.</summary>
    public static ExpectedVersion ForWrite(HttpRequest request, HttpGatewayOptions options)
    {
        var ifMatch = Parse(request.Headers.IfMatch, HeaderNames.IfMatch);
        var ifNoneMatch = Parse(request.Headers.IfNoneMatch, HeaderNames.IfNoneMatch);
        if (ifMatch is not null && ifNoneMatch is not null)
        {
            throw Invalid("Send either If-Match or If-None-Match, not both.");
        }

        if (ifNoneMatch is not null)
        {
            return ifNoneMatch is [{ Tag.Value: "*" }]
                ? ExpectedVersion.NotExists
                : throw Invalid("On writes, If-None-Match supports only '*' (the entity must not exist).");
        }

        if (ifMatch is null)
        {
            return options.RequirePreconditionOnWrites
                ? throw new GatewayProblemException(StatusCodes.Status428PreconditionRequired, "precondition-required", "A precondition is required",
                    "This gateway requires If-Match: \"<version>\" (or If-None-Match: * to create) on every write.")
                : ExpectedVersion.Any;
        }

        if (ifMatch is not [var tag])
        {
            throw Invalid("If-Match must carry exactly one entity tag.");
        }

        if (tag.Tag.Value == "*")
        {
            return ExpectedVersion.Exists;
        }

        // Weak tags never match under the strong comparison If-Match requires.
        return !tag.IsWeak && TryVersion(tag, out var version)
            ? ExpectedVersion.Exactly(version)
            : throw new GatewayProblemException(StatusCodes.Status412PreconditionFailed, "concurrency-conflict", "The entity is not at the expected version",
                $"If-Match {tag} does not name a version of this entity; versions are strong tags such as \"3\".");
    }

    /// <summary>Whether a read's <c>If-None-Match</c> still matches <paramref name="version"/> (answer 304).</summary>
    public static bool NotModified(HttpRequest request, long version)
    {
        var tags = Parse(request.Headers.IfNoneMatch, HeaderNames.IfNoneMatch);
        // Weak comparison, as RFC 9110 prescribes for If-None-Match.
        return tags is not null && tags.Any(tag => tag.Tag.Value == "*" || (TryVersion(tag, out var v) && v == version));
    }

    private static List<EntityTagHeaderValue>? Parse(Microsoft.Extensions.Primitives.StringValues values, string header)
    {
        if (values.Count == 0)
        {
            return null;
        }

        return EntityTagHeaderValue.TryParseStrictList(values, out var tags) && tags.Count > 0
            ? [.. tags]
            : throw Invalid($"{header} is not a list of entity tags (e.g. \"3\").");
    }

    private static bool TryVersion(EntityTagHeaderValue tag, out long version)
    {
        var text = tag.Tag.Value;
        version = 0;
        return text is { Length: > 2 }
            && long.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version >= 1;
    }

    private static EntityValidationException Invalid(string reason) =>
        new(ValidationErrorCode.InvalidArgument, "precondition", reason);
}
