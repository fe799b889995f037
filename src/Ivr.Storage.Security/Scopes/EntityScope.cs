namespace Ivr.Storage.Security.Scopes;

/// <summary>
/// The scope grammar the gateway and the silos share: <c>entities:&lt;verb&gt;:&lt;type pattern&gt;</c>, verb
/// <c>read</c>, <c>write</c> or <c>admin</c> (both), pattern an entity type, <c>*</c>, or a prefix ending in
/// <c>*</c> (<c>call-*</c>). Write does not imply read: a worker that records call sessions cannot read them back
/// unless it is given that scope too.
/// </summary>
public static class EntityScope
{
    /// <summary>The scope that grants <paramref name="access"/> on exactly <paramref name="entityType"/>.</summary>
    public static string Required(EntityAccess access, string entityType) =>
        access == EntityAccess.AdministerSchema ? $"schemas:admin:{entityType}" : $"entities:{Verb(access)}:{entityType}";

    /// <summary>Whether any of <paramref name="scopes"/> grants <paramref name="access"/> on <paramref name="entityType"/>.</summary>
    public static bool Allows(IEnumerable<string> scopes, EntityAccess access, string entityType)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return scopes.Any(scope => Grants(scope, access, entityType));
    }

    /// <summary>Whether <paramref name="scopes"/> grant <paramref name="access"/> on every type, present and future (a <c>*</c> pattern).</summary>
    public static bool AllowsEveryType(IEnumerable<string> scopes, EntityAccess access) =>
        // No entity type is named "*", so only the pattern "*" itself grants it.
        Allows(scopes, access, "*");

    /// <summary>Whether one <paramref name="scope"/> grants <paramref name="access"/> on <paramref name="entityType"/>.</summary>
    public static bool Grants(string scope, EntityAccess access, string entityType)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(entityType);
        var parts = scope.Split(':');
        if (access == EntityAccess.AdministerSchema)
        {
            // Governing a type's shape is its own right: entities:admin:* does not imply it.
            return parts is ["schemas", "admin", var schemaPattern] && Matches(schemaPattern, entityType);
        }

        if (parts is not ["entities", var verb, var pattern] || (verb != Verb(access) && verb != "admin"))
        {
            return false;
        }

        return Matches(pattern, entityType);
    }

    private static bool Matches(string pattern, string entityType)
    {
        return pattern == "*"
            || pattern == entityType
            || (pattern.EndsWith('*') && entityType.StartsWith(pattern[..^1], StringComparison.Ordinal));
    }

    private static string Verb(EntityAccess access) => access == EntityAccess.Read ? "read" : "write";
}
