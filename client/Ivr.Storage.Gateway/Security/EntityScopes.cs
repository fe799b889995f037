using System.Security.Claims;
using Ivr.Storage.Contracts;
using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// An HTTP caller's scopes, read from its claims, in the grammar the silos check .NET callers with
/// (<see cref="EntityScope"/>: <c>entities:&lt;read|write|admin&gt;:&lt;type pattern&gt;</c>).
/// </summary>
internal static class EntityScopes
{
    /// <summary>The claim carrying scopes: one per claim (API keys) or space-separated (OAuth <c>scope</c>).</summary>
    public const string ClaimType = "scope";

    public static bool Allows(ClaimsPrincipal caller, EntityAccess access, string entityType) => EntityScope.Allows(Scopes(caller), access, entityType);

    /// <summary>Whether the caller may do <paramref name="access"/> on every type (a <c>*</c> scope), present and future.</summary>
    public static bool AllowsEveryType(ClaimsPrincipal caller, EntityAccess access) => EntityScope.AllowsEveryType(Scopes(caller), access);

    public static string Required(EntityAccess access, string entityType) => EntityScope.Required(access, entityType);

    /// <summary>Whether an <c>entities:admin:</c> scope (not read and write scopes side by side) covers <paramref name="entityType"/>: the console's revert needs one.</summary>
    public static bool AllowsAdmin(ClaimsPrincipal caller, string entityType) =>
        Scopes(caller).Any(scope => scope.StartsWith("entities:admin:", StringComparison.Ordinal) && EntityScope.Grants(scope, EntityAccess.Write, entityType));

    /// <summary>
    /// The type patterns the caller may read (types, and prefixes ending in <c>*</c>, as in its scopes), or null when it
    /// may read every type; for filtering the change feed in the database. Patterns no entity type could match are left out.
    /// </summary>
    public static IReadOnlyList<string>? ReadablePatterns(ClaimsPrincipal caller) =>
        AllowsEveryType(caller, EntityAccess.Read)
            ? null
            : Scopes(caller)
                .Select(scope => scope.Split(':'))
                .Where(parts => parts is ["entities", "read" or "admin", _])
                .Select(parts => parts[2])
                .Where(ChangeFeedFilter.IsTypePattern)
                .Distinct(StringComparer.Ordinal)
                .ToArray();

    private static IEnumerable<string> Scopes(ClaimsPrincipal caller) =>
        caller.Claims
            .Where(claim => claim.Type is ClaimType or "scp")
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
