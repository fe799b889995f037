namespace Ivr.Storage.Security.Scopes;

/// <summary>What a call does to entities of a type: the verb of its scope.</summary>
public enum EntityAccess
{
    /// <summary>Current state, versions, history, diff, verify, the feed, the read model: <c>entities:read:&lt;type&gt;</c>.</summary>
    Read,

    /// <summary>Put, patch, delete, revert: <c>entities:write:&lt;type&gt;</c>.</summary>
    Write,

    /// <summary>Registering a type's schema: <c>schemas:admin:&lt;type&gt;</c>. No <c>entities:</c> scope grants it.</summary>
    AdministerSchema,
}
