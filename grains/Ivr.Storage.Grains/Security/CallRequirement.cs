using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Grains.Security;

/// <summary>What a grain call needs from a caller (silos may make any call).</summary>
internal readonly record struct CallRequirement
{
    private CallRequirement(EntityAccess access, string? entityType, string? refusal, bool administration = false, IReadOnlyList<string>? entityTypes = null)
    {
        Access = access;
        EntityType = entityType;
        Refusal = refusal;
        Administration = administration;
        EntityTypes = entityTypes;
    }

    public EntityAccess Access { get; }

    /// <summary>The entity type the call touches; null for calls across every type (the feed, statistics).</summary>
    public string? EntityType { get; }

    /// <summary>Several types (or prefix patterns) the call touches, each of which must be granted; null otherwise.</summary>
    public IReadOnlyList<string>? EntityTypes { get; }

    /// <summary>Set when no caller may make this call (cluster-internal), saying why.</summary>
    public string? Refusal { get; }

    /// <summary>Whether the call administers the cluster: it needs reading and writing every type (<c>entities:admin:*</c>).</summary>
    public bool Administration { get; }

    public static CallRequirement On(EntityAccess access, string entityType) => new(access, entityType, null);

    public static CallRequirement OnEveryType(EntityAccess access) => new(access, null, null);

    public static CallRequirement OnEach(EntityAccess access, IReadOnlyList<string> entityTypes) => new(access, null, null, entityTypes: entityTypes);

    public static CallRequirement OfAdministrator() => new(EntityAccess.Write, null, null, administration: true);

    public static CallRequirement SilosOnly(string what) => new(EntityAccess.Read, null, $"{what} is reserved to the cluster's silos");

    /// <summary>Whether <paramref name="scopes"/> satisfy the requirement.</summary>
    public bool IsMetBy(IReadOnlyCollection<string> scopes)
    {
        if (Refusal is not null)
        {
            return false;
        }

        if (Administration)
        {
            return EntityScope.AllowsEveryType(scopes, EntityAccess.Read) && EntityScope.AllowsEveryType(scopes, EntityAccess.Write);
        }

        var access = Access;
        return EntityTypes is { } types ? types.All(type => EntityScope.Allows(scopes, access, type))
            : EntityType is null ? EntityScope.AllowsEveryType(scopes, access) : EntityScope.Allows(scopes, access, EntityType);
    }

    /// <summary>The scope to ask for.</summary>
    public string RequiredScope => Administration ? "entities:admin:*"
        : EntityScope.Required(Access, EntityTypes is { } types ? string.Join(',', types) : EntityType ?? "*");
}
