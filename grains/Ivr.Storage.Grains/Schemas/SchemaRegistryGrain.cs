using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// Checks and compiles a schema definition, runs the compatibility gate over the type's stored data, then appends it
/// through the entity grain <c>_schema/&lt;type&gt;</c>, so a schema version gets the same provenance, hash chain and
/// feed entry as any entity version. Only this grain (a silo) may write that key (<see cref="Security.CallPolicy"/>);
/// the caller needs <c>schemas:admin:&lt;type&gt;</c>. One activation per type runs registrations one at a time, so
/// the gate always checks against the version the registration replaces.
/// </summary>
internal sealed class SchemaRegistryGrain(SchemaCache cache, SchemaUpcastChain upcasters, SchemaCompatibilityCheck check, IEntityJournal journal)
    : Grain, ISchemaRegistryGrain
{
    /// <summary>The tag a forced registration carries, beside its reason.</summary>
    public const string ForcedTag = "schema.forced";

    public async Task<WriteResult> Register(string definition, WriteOptions options) =>
        (await Register(definition, options, SchemaRegistrationOptions.Checked)).Write!;

    public async Task<SchemaRegistrationResult> Register(string definition, WriteOptions options, SchemaRegistrationOptions registration)
    {
        var type = this.GetPrimaryKeyString();
        var entity = GrainFactory.GetGrain<IEntityGrain>(EntityKey.ForSchema(type).ToGrainKey());
        var parsed = SchemaDefinition.Parse(definition);
        if (await IsReplayAsync(type, options))
        {
            // A retry of a registration that committed: the entity grain answers the original result. Checking again
            // would test the version against itself (and apply its upcaster twice).
            var replay = await entity.Put(parsed.Canonical, options);
            var answered = new SchemaCompatibilityReport
            {
                Mode = parsed.Compatibility, CandidateVersion = replay.Version, Checked = false,
                Summary = "a repeated registration (same idempotency key) is answered with the original result.",
            };
            return new SchemaRegistrationResult { Write = replay, Report = answered };
        }

        var current = await CurrentAsync(entity);
        if (current is null && parsed.Upcast is not null)
        {
            throw SchemaGuard.Refuse("/upcast", "a first schema version has no previous version to upcast from.");
        }

        var report = current is { } replaced && (replaced.Definition.IsBackward || registration.DryRun)
            ? await check.RunAsync(type, replaced.Definition, replaced.Version, parsed)
            : Unchecked(current, parsed);
        if (registration.DryRun)
        {
            return new SchemaRegistrationResult { Report = report };
        }

        if (current is { Definition.IsBackward: true } && !report.Compatible && !registration.Force)
        {
            throw new SchemaIncompatibleException(type, report);
        }

        var result = await entity.Put(parsed.Canonical, registration.Force ? Forced(options, report) : options);
        if (!result.IdempotentReplay)
        {
            upcasters.Committed(type, result.Version, parsed.Upcast);
            cache.Committed(type, new CompiledSchema(result.Version, parsed.Schema));
        }

        return new SchemaRegistrationResult { Write = result, Report = report };
    }

    private async Task<bool> IsReplayAsync(string type, WriteOptions options) =>
        options.IdempotencyKey is { } key && await journal.FindByIdempotencyKeyAsync(EntityKey.ForSchema(type), key) is not null;

    private static async Task<(long Version, SchemaDefinition Definition)?> CurrentAsync(IEntityGrain entity)
    {
        try
        {
            var state = await entity.GetCurrent();
            return state.Payload is { } payload ? (state.Version, SchemaDefinition.Parse(payload)) : null;
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    private static SchemaCompatibilityReport Unchecked((long Version, SchemaDefinition Definition)? current, SchemaDefinition candidate) => new()
    {
        Mode = current?.Definition.Compatibility ?? candidate.Compatibility,
        CandidateVersion = (current?.Version ?? 0) + 1,
        Checked = false,
        Summary = current is null
            ? "a first schema version is not checked against stored data."
            : "the version it replaces declares compatibility \"none\": stored data is not checked, and may break the new version.",
    };

    /// <summary>A forced registration says so in its provenance and tags, so the schema's history shows who forced what.</summary>
    private static WriteOptions Forced(WriteOptions options, SchemaCompatibilityReport report)
    {
        var reason = $"forced past the compatibility gate ({report.FailureCount} failing stored version(s){(report.CapReached ? ", check incomplete" : string.Empty)})"
            + (options.Provenance.Reason is { Length: > 0 } given ? ": " + given : string.Empty);
        var tags = new Dictionary<string, string>(options.Tags ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [ForcedTag] = "true" };
        return options with
        {
            Provenance = options.Provenance with { Reason = reason.Length <= Provenance.MaxFieldLength ? reason : reason[..Provenance.MaxFieldLength] },
            Tags = tags,
        };
    }
}
