using System.Text.Json.Nodes;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Json;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// The compatibility gate's dry run: pages through the current version of every entity of a type (up to
/// <see cref="EntityGrainOptions.SchemaCheckMaxEntities"/>) and a random sample of older versions
/// (<see cref="EntityGrainOptions.SchemaCheckHistorySample"/>, reservoir-sampled while paging), upcasts each from the
/// schema version it was stored under through the candidate's own upcaster, and validates it under the candidate.
/// It reads committed rows: a write racing with the registration is checked by the schema current at its commit.
/// </summary>
internal sealed class SchemaCompatibilityCheck(IEntityJournal journal, SchemaUpcastChain chain, IOptions<EntityGrainOptions> options)
{
    private const int PageSize = 500;

    public async Task<SchemaCompatibilityReport> RunAsync(string type, SchemaDefinition current, long currentVersion, SchemaDefinition candidate, CancellationToken cancellationToken = default)
    {
        var run = new Run(type, currentVersion, candidate, chain, options.Value);
        var limits = options.Value;
        string? before = null;
        while (true)
        {
            var wanted = Math.Min(PageSize, limits.SchemaCheckMaxEntities - run.Visited + 1);
            var page = await journal.ReadLatestOfTypeAsync(type, before, wanted, cancellationToken);
            foreach (var record in page)
            {
                if (run.Visited == limits.SchemaCheckMaxEntities)
                {
                    run.CapReached = true;
                    break;
                }

                before = record.Key.Id;
                await run.CheckCurrentAsync(record, cancellationToken);
            }

            if (run.CapReached || page.Count < wanted)
            {
                break;
            }
        }

        foreach (var record in await journal.ReadVersionsOfTypeAsync(type, run.Sample, cancellationToken))
        {
            await run.CheckAsync(record, current: false, cancellationToken);
        }

        return run.Report(current.Compatibility);
    }

    /// <summary>The state of one dry run.</summary>
    private sealed class Run(string type, long currentVersion, SchemaDefinition candidate, SchemaUpcastChain chain, EntityGrainOptions limits)
    {
        private readonly CompiledSchema _schema = new(currentVersion + 1, candidate.Schema);
        private readonly Dictionary<long, IReadOnlyList<JsonArray>> _chains = [];
        private readonly List<SchemaCompatibilityFailure> _failures = [];
        private int _failureCount;
        private int _current;
        private int _history;
        private long _eligible;

        public int Visited { get; private set; }

        public bool CapReached { get; set; }

        public List<(string Id, long Version)> Sample { get; } = [];

        public async Task CheckCurrentAsync(JournalRecord record, CancellationToken cancellationToken)
        {
            Visited++;
            if (record.Version > 1 && limits.SchemaCheckHistorySample > 0)
            {
                // Reservoir sampling: every older version of every entity seen so far is equally likely to be checked.
                var older = (record.Key.Id, 1 + Random.Shared.NextInt64(record.Version - 1));
                _eligible++;
                if (Sample.Count < limits.SchemaCheckHistorySample)
                {
                    Sample.Add(older);
                }
                else if (Random.Shared.NextInt64(_eligible) is var slot && slot < Sample.Count)
                {
                    Sample[(int)slot] = older;
                }
            }

            await CheckAsync(record, current: true, cancellationToken);
        }

        public async Task CheckAsync(JournalRecord record, bool current, CancellationToken cancellationToken)
        {
            if (record.Payload is not { } payload)
            {
                return; // A tombstone has no payload to check.
            }

            if (current)
            {
                _current++;
            }
            else
            {
                _history++;
            }

            var stored = SchemaUpcastChain.StoredVersion(record.SchemaVersion, currentVersion);
            if (!_chains.TryGetValue(stored, out var upcasters))
            {
                var between = await chain.BetweenAsync(type, stored, currentVersion, cancellationToken);
                upcasters = _chains[stored] = candidate.Upcast is { } own ? [.. between, own] : between;
            }

            IReadOnlyList<SchemaViolation> violations;
            string? upcastError = null;
            try
            {
                violations = _schema.Validate(SchemaUpcaster.Apply(payload, upcasters));
            }
            catch (JsonPayloadException error)
            {
                violations = [];
                upcastError = error.Reason;
            }

            if (violations.Count == 0 && upcastError is null)
            {
                return;
            }

            if (++_failureCount <= limits.SchemaCheckMaxReportedFailures)
            {
                _failures.Add(new SchemaCompatibilityFailure
                {
                    EntityId = record.Key.Id, Version = record.Version, Current = current,
                    StoredSchemaVersion = record.SchemaVersion, Violations = violations, UpcastError = upcastError,
                });
            }
        }

        public SchemaCompatibilityReport Report(string mode) => new()
        {
            Mode = mode,
            CandidateVersion = currentVersion + 1,
            Checked = true,
            EntitiesChecked = _current,
            HistoryVersionsChecked = _history,
            CapReached = CapReached,
            Failures = _failures,
            FailureCount = _failureCount,
            Summary = Summarize(),
        };

        private string Summarize()
        {
            var found = _failureCount == 0
                ? $"the current versions of {_current} entities and {_history} sampled older versions are valid under it after upcasting"
                : $"{_failureCount} stored version(s) break it after upcasting (first: '{_failures[0].EntityId}' version {_failures[0].Version}"
                  + (_failures[0].UpcastError is { } error ? $", upcaster: {error})" : $", {_failures[0].Violations.Count} violation(s))");
            return CapReached
                ? $"{found}, but the type has more than {limits.SchemaCheckMaxEntities} entities, the most the gate checks (EntityStore:SchemaCheckMaxEntities), so the rest are unchecked. Raise the cap, or register with force."
                : found + ".";
        }
    }
}
