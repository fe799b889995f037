using System.Globalization;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Hashing;

namespace Ivr.Storage.Grains.Entity;

internal sealed partial class EntityGrain
{
    private const string CursorPrefix = "v";

    public Task<EntityState> GetCurrent()
    {
        var head = RequireHead();
        var latest = head.Latest;
        metrics.Read(_key.Type);
        return Task.FromResult(new EntityState
        {
            Key = _key,
            Version = latest.Version,
            Payload = latest.Payload,
            Deleted = latest.Kind == ChangeKind.Delete,
            CreatedAt = head.CreatedAt,
            UpdatedAt = latest.CommittedAt,
            LastProvenance = latest.Provenance,
            Hash = Convert.ToHexStringLower(latest.Hash),
            SchemaVersion = latest.SchemaVersion,
        });
    }

    public async Task<VersionRecord> GetVersion(long version)
    {
        metrics.Read(_key.Type);
        return (await ReadVersionAsync(version, "version")).ToVersionRecord();
    }

    public async Task<VersionRecord> GetAsOf(DateTimeOffset asOf)
    {
        metrics.Read(_key.Type);
        var head = RequireHead();
        if (asOf >= head.Latest.CommittedAt)
        {
            return head.Latest.ToVersionRecord();
        }

        if (asOf < head.CreatedAt)
        {
            throw EntityNotFoundException.NotYetCreated(_key, asOf);
        }

        var record = await journal.ReadAsOfAsync(_key, asOf)
            ?? throw EntityNotFoundException.NotYetCreated(_key, asOf);
        return record.ToVersionRecord();
    }

    public async Task<HistoryPage> GetHistory(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > HistoryQuery.MaxPageSize)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "pageSize", $"Page size must be between 1 and {HistoryQuery.MaxPageSize}; got {query.PageSize}.");
        }

        metrics.Read(_key.Type);
        // Bound every page by the head this activation acknowledged, so history never shows a version before its writer heard of it.
        var headVersion = RequireHead().Latest.Version;
        var cursor = ParseCursor(query.Cursor);
        var items = new List<VersionRecord>(query.PageSize);
        // A page that stopped at the journal's byte bound is short, yet more versions follow: its cursor continues
        // right after its last item, exactly like a full page's.
        if (query.NewestFirst)
        {
            var page = await journal.ReadAcknowledgedPageAsync(_key, cursor ?? long.MaxValue, query.PageSize, descending: true, query.IncludePayloads, headVersion);
            items.AddRange(page.Records.Select(record => record.ToVersionRecord()));
            var stopped = page.Records.Count == query.PageSize || page.ReachedByteBound;
            var next = stopped && page.Records[^1].Version > 1 ? page.Records[^1].Version : (long?)null;
            return new HistoryPage { Items = items, NextCursor = FormatCursor(next) };
        }
        else
        {
            var after = cursor ?? 0;
            var page = await journal.ReadAcknowledgedPageAsync(_key, after, query.PageSize, descending: false, query.IncludePayloads, headVersion);
            items.AddRange(page.Records.Select(record => record.ToVersionRecord()));
            var stopped = items.Count == query.PageSize || page.ReachedByteBound;
            var next = stopped && items.Count > 0 && items[^1].Version < headVersion ? items[^1].Version : (long?)null;
            return new HistoryPage { Items = items, NextCursor = FormatCursor(next) };
        }
    }

    public async Task<DiffResult> Diff(long fromVersion, long toVersion)
    {
        metrics.Read(_key.Type);
        var from = await ReadVersionAsync(fromVersion, "from");
        var to = await ReadVersionAsync(toVersion, "to");
        return new DiffResult
        {
            Key = _key,
            FromVersion = fromVersion,
            ToVersion = toVersion,
            Patch = PayloadDiff.Between(from.Payload, to.Payload),
        };
    }

    public async Task<VerificationResult> Verify()
    {
        var headVersion = HeadVersion;
        var expectedVersion = 1L;
        var previousHash = ChainHash.Genesis.ToArray();
        await foreach (var record in journal.ReadAllAsync(_key))
        {
            var problem = CheckLink(record, expectedVersion, previousHash);
            if (problem is not null)
            {
                return Invalid(expectedVersion, expectedVersion - 1, problem);
            }

            previousHash = record.Hash;
            expectedVersion++;
        }

        var checkedCount = expectedVersion - 1;
        if (checkedCount < headVersion)
        {
            return Invalid(checkedCount + 1, checkedCount, $"Version {checkedCount + 1} is missing from the journal although version {headVersion} was acknowledged.");
        }

        return new VerificationResult { Key = _key, IsValid = true, VersionsChecked = checkedCount };
    }

    private static string? CheckLink(JournalRecord record, long expectedVersion, byte[] previousHash)
    {
        if (record.Version != expectedVersion)
        {
            return $"Expected version {expectedVersion} but the journal holds version {record.Version}: versions are missing.";
        }

        if (!record.PreviousHash.AsSpan().SequenceEqual(previousHash))
        {
            return $"Version {record.Version} does not link to the hash of version {record.Version - 1}.";
        }

        if (!ChainHash.Compute(record).AsSpan().SequenceEqual(record.Hash))
        {
            return $"Version {record.Version}'s content does not match its stored hash: it was changed after it was written.";
        }

        return null;
    }

    private VerificationResult Invalid(long version, long checkedCount, string problem) => new()
    {
        Key = _key,
        IsValid = false,
        VersionsChecked = checkedCount,
        FirstInvalidVersion = version,
        Problem = problem,
    };

    private static long? ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        if (cursor.StartsWith(CursorPrefix, StringComparison.Ordinal)
            && long.TryParse(cursor.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && version >= 0)
        {
            return version;
        }

        throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "cursor", $"'{cursor}' is not a history cursor returned by this service.");
    }

    private static string? FormatCursor(long? version) =>
        version is { } v ? CursorPrefix + v.ToString(CultureInfo.InvariantCulture) : null;
}
