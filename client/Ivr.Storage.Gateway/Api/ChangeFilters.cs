using System.Security.Claims;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// The database-side filter of a change-feed request: the types asked for with <c>?types=</c> (each one the caller
/// may read), else every type the caller's scopes let it read; payloads unless <c>?payloads=false</c>, shown at the
/// latest schema with <c>?schema=latest</c>.
/// </summary>
internal static class ChangeFilters
{
    public static ChangeFeedFilter For(ClaimsPrincipal caller, string? types, string? payloads, string? schema = null)
    {
        var includePayloads = payloads is null || QueryArguments.OptionalBool(payloads, "payloads");
        var atLatestSchema = QueryArguments.LatestSchema(schema);
        if (types is null)
        {
            return new ChangeFeedFilter { Types = ReadableTypes(caller, "types"), IncludePayloads = includePayloads, AtLatestSchema = atLatestSchema };
        }

        var asked = types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (asked.Length is 0 or > ChangeFeedFilter.MaxTypes || asked.Any(type => type.Contains('*', StringComparison.Ordinal) || !ChangeFeedFilter.IsTypePattern(type)))
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidType, "types",
                $"'types' must be 1 to {ChangeFeedFilter.MaxTypes} comma-separated entity types ([a-z][a-z0-9_.-]{{0,63}}); got '{types}'.");
        }

        if (asked.FirstOrDefault(type => !EntityScopes.Allows(caller, EntityAccess.Read, type)) is { } forbidden)
        {
            throw new GatewayProblemException(StatusCodes.Status403Forbidden, "forbidden", "The caller lacks the scope for this operation",
                $"Reading changes of '{forbidden}' needs scope '{EntityScopes.Required(EntityAccess.Read, forbidden)}' (or entities:admin:{forbidden}, or a wildcard).");
        }

        return new ChangeFeedFilter { Types = asked, IncludePayloads = includePayloads, AtLatestSchema = atLatestSchema };
    }

    /// <summary>
    /// The type patterns the caller may read, or null for every type, as one database-side filter: the feed and the
    /// lookups by correlation and by message filter in the database, so pages stay full and say nothing of other types.
    /// A caller whose scopes name more patterns than one query takes is refused rather than served unfiltered.
    /// </summary>
    public static IReadOnlyList<string>? ReadableTypes(ClaimsPrincipal caller, string parameter)
    {
        var readable = EntityScopes.ReadablePatterns(caller);
        if (readable?.Count > ChangeFeedFilter.MaxTypes)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, parameter,
                $"This caller's read scopes name more than {ChangeFeedFilter.MaxTypes} type patterns, more than one query can filter by; ask for the types wanted with ?types= where the route takes it.");
        }

        return readable;
    }
}
