using System.Security.Claims;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// Scopes are <c>entities:&lt;verb&gt;:&lt;type pattern&gt;</c>: verb <c>read</c>, <c>write</c> or <c>admin</c>
/// (both), pattern an entity type, <c>*</c>, or a prefix ending in <c>*</c> (<c>call-*</c>). Write does not imply read:
/// a worker that records call sessions cannot read them back unless it is given that scope too.
/// </summary>
internal static class EntityScopes
{
    /// <summary>The claim carrying scopes: one per claim (API keys) or space-separated (OAuth <c>scope</c>).</summary>
    public const string ClaimType = "scope";

    public static bool Allows(ClaimsPrincipal caller, EntityOperation operation, string entityType)
    {
        var verb = operation == EntityOperation.Read ? "read" : "write";
        return Scopes(caller).Any(scope => Grants(scope, verb, entityType));
    }

    /// <summary>Whether the caller may do <paramref name="operation"/> on every type (a <c>*</c> scope), present and future.</summary>
    public static bool AllowsEveryType(ClaimsPrincipal caller, EntityOperation operation)
    {
        var verb = operation == EntityOperation.Read ? "read" : "write";
        // No entity type is named "*", so only the pattern "*" itself grants it.
        return Scopes(caller).Any(scope => Grants(scope, verb, "*"));
    }

    /// <summary>
    /// The type patterns the caller may read (types, and prefixes ending in <c>*</c>, as in its scopes), or null when it
    /// may read every type; for filtering the change feed in the database. Patterns no entity type could match are left out.
    /// </summary>
    public static IReadOnlyList<string>? ReadablePatterns(ClaimsPrincipal caller) =>
        AllowsEveryType(caller, EntityOperation.Read)
            ? null
            : Scopes(caller)
                .Select(scope => scope.Split(':'))
                .Where(parts => parts is ["entities", "read" or "admin", _])
                .Select(parts => parts[2])
                .Where(ChangeFeedFilter.IsTypePattern)
                .Distinct(StringComparer.Ordinal)
                .ToArray();

    public static string Required(EntityOperation operation, string entityType) =>
        $"entities:{(operation == EntityOperation.Read ? "read" : "write")}:{entityType}";

    private static IEnumerable<string> Scopes(ClaimsPrincipal caller) =>
        caller.Claims
            .Where(claim => claim.Type is ClaimType or "scp")
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool Grants(string scope, string verb, string entityType)
    {
        var parts = scope.Split(':');
        if (parts is not ["entities", var scopeVerb, var pattern] || (scopeVerb != verb && scopeVerb != "admin"))
        {
            return false;
        }

        return pattern == "*"
            || pattern == entityType
            || (pattern.EndsWith('*') && entityType.StartsWith(pattern[..^1], StringComparison.Ordinal));
    }
}
