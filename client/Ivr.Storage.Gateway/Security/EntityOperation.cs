namespace Ivr.Storage.Gateway.Security;

/// <summary>What an endpoint does to an entity type; the verb of its scope.</summary>
internal enum EntityOperation
{
    /// <summary>Current state, versions, history, diff, verify: <c>entities:read:&lt;type&gt;</c>.</summary>
    Read,

    /// <summary>Put, patch, delete, revert: <c>entities:write:&lt;type&gt;</c>.</summary>
    Write,
}
