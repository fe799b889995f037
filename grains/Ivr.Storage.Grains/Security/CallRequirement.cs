using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Grains.Security;

/// <summary>What a grain call needs from a caller (silos may make any call).</summary>
internal readonly record struct CallRequirement
{
    private CallRequirement(EntityAccess access, string? entityType, string? refusal)
    {
        Access = access;
        EntityType = entityType;
        Refusal = refusal;
    }

    public EntityAccess Access { get; }

    /// <summary>The entity type the call touches; null for calls across every type (the feed, statistics).</summary>
    public string? EntityType { get; }

    /// <summary>Set when no caller may make this call (cluster-internal), saying why.</summary>
    public string? Refusal { get; }

    public static CallRequirement On(EntityAccess access, string entityType) => new(access, entityType, null);

    public static CallRequirement OnEveryType(EntityAccess access) => new(access, null, null);

    public static CallRequirement SilosOnly(string what) => new(EntityAccess.Read, null, $"{what} is reserved to the cluster's silos");

    /// <summary>Whether <paramref name="scopes"/> satisfy the requirement.</summary>
    public bool IsMetBy(IEnumerable<string> scopes) =>
        Refusal is null && (EntityType is null ? EntityScope.AllowsEveryType(scopes, Access) : EntityScope.Allows(scopes, Access, EntityType));

    /// <summary>The scope to ask for.</summary>
    public string RequiredScope => EntityScope.Required(Access, EntityType ?? "*");
}
