using Ivr.Storage.Contracts;
using Ivr.Storage.Security.Scopes;
using Orleans.Runtime;

namespace Ivr.Storage.Grains.Security;

/// <summary>
/// What each grain call needs from a caller: one table for every interface a client may reach, keyed by method, so
/// a method added to an interface is refused until it is placed here (PolicyCoverageTests enumerates them).
/// Anything else (Orleans' own grains and system targets) is reserved to silos, except the few a client library
/// itself calls. The entity type comes from what the grain acts on: the grain key, or the query's type argument.
/// </summary>
internal static class CallPolicy
{
    private static readonly Dictionary<Type, Dictionary<string, Func<IIncomingGrainCallContext, CallRequirement>>> Table = new()
    {
        [typeof(IEntityGrain)] = new()
        {
            [nameof(IEntityGrain.Put)] = context => OnEntity(context, EntityAccess.Write),
            [nameof(IEntityGrain.Patch)] = context => OnEntity(context, EntityAccess.Write),
            [nameof(IEntityGrain.Delete)] = context => OnEntity(context, EntityAccess.Write),
            [nameof(IEntityGrain.Revert)] = context => OnEntity(context, EntityAccess.Write),
            [nameof(IEntityGrain.GetCurrent)] = context => OnEntity(context, EntityAccess.Read),
            [nameof(IEntityGrain.GetVersion)] = context => OnEntity(context, EntityAccess.Read),
            [nameof(IEntityGrain.GetAsOf)] = context => OnEntity(context, EntityAccess.Read),
            [nameof(IEntityGrain.GetHistory)] = context => OnEntity(context, EntityAccess.Read),
            [nameof(IEntityGrain.Diff)] = context => OnEntity(context, EntityAccess.Read),
            [nameof(IEntityGrain.Verify)] = context => OnEntity(context, EntityAccess.Read),
        },
        // The feed carries every type's versions unless the read names its types; subscriptions follow all of it.
        [typeof(IChangeFeedGrain)] = new()
        {
            [nameof(IChangeFeedGrain.Read)] = OnFeed,
            [nameof(IChangeFeedGrain.ReadHorizon)] = _ => CallRequirement.OnEveryType(EntityAccess.Read),
        },
        // Lookup by message: reading each type the query names, or every type when it names none.
        [typeof(ICausationLookupGrain)] = new()
        {
            [nameof(ICausationLookupGrain.Find)] = context => Argument<CausationQuery>(context, 0).Types is { } types
                ? CallRequirement.OnEach(EntityAccess.Read, types)
                : CallRequirement.OnEveryType(EntityAccess.Read),
        },
        [typeof(ISubscriptionGrain)] = new()
        {
            [nameof(ISubscriptionGrain.GetCheckpoint)] = _ => CallRequirement.OnEveryType(EntityAccess.Read),
            [nameof(ISubscriptionGrain.Commit)] = _ => CallRequirement.OnEveryType(EntityAccess.Read),
        },
        [typeof(IReadModelQueryGrain)] = new()
        {
            [nameof(IReadModelQueryGrain.List)] = context => CallRequirement.On(EntityAccess.Read, Argument<EntityListQuery>(context, 0).Type),
            [nameof(IReadModelQueryGrain.Search)] = context => Argument<string?>(context, 1) is { } type
                ? CallRequirement.On(EntityAccess.Read, type)
                : CallRequirement.OnEveryType(EntityAccess.Read),
            [nameof(IReadModelQueryGrain.Statistics)] = _ => CallRequirement.OnEveryType(EntityAccess.Read),
        },
        // Versions of every type may share a correlation id: the query names the types it may see, else needs all.
        [typeof(ICorrelationQueryGrain)] = new()
        {
            [nameof(ICorrelationQueryGrain.Find)] = context => Argument<CorrelationQuery?>(context, 0)?.Types is { Count: > 0 } types
                ? CallRequirement.OnEach(EntityAccess.Read, types)
                : CallRequirement.OnEveryType(EntityAccess.Read),
        },
        [typeof(ISchemaRegistryGrain)] = new()
        {
            // Both overloads, the gated one's dry run and force included: reading every entity of the type is part of it.
            [nameof(ISchemaRegistryGrain.Register)] = context => CallRequirement.On(EntityAccess.AdministerSchema, context.TargetId.Key.ToString()!),
        },
        [typeof(ISchemaUpcastGrain)] = new()
        {
            [nameof(ISchemaUpcastGrain.GetCurrent)] = context => CallRequirement.On(EntityAccess.Read, context.TargetId.Key.ToString()!),
            [nameof(ISchemaUpcastGrain.GetVersion)] = context => CallRequirement.On(EntityAccess.Read, context.TargetId.Key.ToString()!),
            [nameof(ISchemaUpcastGrain.GetAsOf)] = context => CallRequirement.On(EntityAccess.Read, context.TargetId.Key.ToString()!),
            [nameof(ISchemaUpcastGrain.GetHistory)] = context => CallRequirement.On(EntityAccess.Read, context.TargetId.Key.ToString()!),
            [nameof(ISchemaUpcastGrain.Diff)] = context => CallRequirement.On(EntityAccess.Read, context.TargetId.Key.ToString()!),
        },
        [typeof(IProjectionGrain)] = new()
        {
            [nameof(IProjectionGrain.GetStatus)] = _ => CallRequirement.OnEveryType(EntityAccess.Read),
            // Starting the projection (idempotent) is for callers that may write every type: operators, tools.
            [nameof(IProjectionGrain.EnsureRunning)] = _ => CallRequirement.OnEveryType(EntityAccess.Write),
        },
        [typeof(IAuditLogGrain)] = new()
        {
            // The log's size says how much was written, over every type.
            [nameof(IAuditLogGrain.GetTreeSize)] = _ => CallRequirement.OnEveryType(EntityAccess.Read),
            [nameof(IAuditLogGrain.EnsureRunning)] = _ => CallRequirement.OnEveryType(EntityAccess.Write),
        },
        [typeof(IAuditProofGrain)] = new()
        {
            [nameof(IAuditProofGrain.ProveVersion)] = context => CallRequirement.On(EntityAccess.Read, Argument<EntityKey>(context, 0).Type),
            // Heads and consistency proofs span every type (a size counts all writes): read on every type.
            [nameof(IAuditProofGrain.GetLatestHead)] = _ => CallRequirement.OnEveryType(EntityAccess.Read),
            [nameof(IAuditProofGrain.ProveConsistency)] = _ => CallRequirement.OnEveryType(EntityAccess.Read),
            // An export of one type needs that type's read scope, as its history; of every type, read on every type.
            [nameof(IAuditProofGrain.ExportPage)] = context => Argument<string?>(context, 0) is { } type
                ? CallRequirement.On(EntityAccess.Read, type)
                : CallRequirement.OnEveryType(EntityAccess.Read),
        },
    };

    /// <summary>Orleans interfaces the client library calls by itself: the cluster's type manifest.</summary>
    private static readonly HashSet<string> ClientInfrastructure = new(StringComparer.Ordinal) { "Orleans.Runtime.IClusterManifestSystemTarget" };

    /// <summary>The interfaces and methods the table places; for the coverage test.</summary>
    public static IEnumerable<(Type Interface, string Method)> Placed =>
        Table.SelectMany(entry => entry.Value.Keys.Select(method => (entry.Key, method)));

    /// <summary>What <paramref name="context"/>'s call needs; null when any verified caller may make it.</summary>
    public static CallRequirement? For(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        var declaring = method.DeclaringType!;
        if (Table.TryGetValue(declaring, out var methods))
        {
            return methods.TryGetValue(method.Name, out var requirement)
                ? requirement(context)
                : CallRequirement.SilosOnly($"{declaring.Name}.{method.Name} has no access rule yet, and");
        }

        if (declaring.FullName == "Orleans.Streams.IPubSubRendezvousGrain")
        {
            return OnChangeStream(context);
        }

        if (declaring.FullName == "Orleans.Runtime.IManagementGrain")
        {
            // Cluster statistics and control (activation counts, forced collection): for operators' tools.
            return CallRequirement.OfAdministrator();
        }

        return ClientInfrastructure.Contains(declaring.FullName ?? string.Empty)
            ? null
            : CallRequirement.SilosOnly(declaring.FullName ?? declaring.Name);
    }

    /// <summary>A grain or system target timer's tick, which the runtime delivers as a call without any request context.</summary>
    public static bool IsRuntimeTick(IIncomingGrainCallContext context) =>
        context.InterfaceMethod.DeclaringType?.FullName == "Orleans.Runtime.IGrainTimerInvoker";

    /// <summary>
    /// The entity's type; for a schema (<c>_schema/T</c>) reads need reading T, and writes are the schema registry's
    /// alone (a silo), so no caller can change a schema past its checks and its <c>schemas:admin</c> scope.
    /// </summary>
    private static CallRequirement OnEntity(IIncomingGrainCallContext context, EntityAccess access)
    {
        var key = EntityKey.FromGrainKey(context.TargetId.Key.ToString()!);
        if (!key.IsSchema)
        {
            return CallRequirement.On(access, key.Type);
        }

        return access == EntityAccess.Read
            ? CallRequirement.On(EntityAccess.Read, key.Id)
            : CallRequirement.SilosOnly("Writing a schema other than through ISchemaRegistryGrain.Register");
    }

    /// <summary>A feed read filtered to some types needs reading each of them (a prefix pattern as written); unfiltered, every type.</summary>
    private static CallRequirement OnFeed(IIncomingGrainCallContext context)
    {
        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
        {
            if (context.Request.GetArgument(i) is ChangeFeedFilter { Types: { Count: > 0 } types })
            {
                return CallRequirement.OnEach(EntityAccess.Read, types);
            }
        }

        return CallRequirement.OnEveryType(EntityAccess.Read);
    }

    /// <summary>Subscribing to the change stream of a type is reading that type; other streams are the cluster's.</summary>
    private static CallRequirement OnChangeStream(IIncomingGrainCallContext context)
    {
        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
        {
            if (context.Request.GetArgument(i) is QualifiedStreamId stream
                && stream.ProviderName == ChangeStreams.ProviderName
                && context.TargetId.Key.ToString() == stream.ToString())
            {
                return CallRequirement.On(EntityAccess.Read, stream.StreamId.GetNamespace() ?? string.Empty);
            }
        }

        return CallRequirement.SilosOnly("this stream call");
    }

    private static T Argument<T>(IIncomingGrainCallContext context, int index) => (T)context.Request.GetArgument(index)!;
}
