using System.Globalization;
using System.Text;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Json;
using Ivr.Storage.ReadModel;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.ReadModel;

/// <summary>
/// Answers listings, search and statistics from the read model. Each answer runs in one read-only snapshot, so the
/// position it reports is exactly what its rows reflect, and each statement under the database's
/// <c>statement_timeout</c> (<see cref="ReadModelOptions.QueryTimeout"/>).
/// Reentrant: the grain keeps no state between calls, and a query waiting for a minimum position (in
/// <see cref="ReadModelPositionWatcher"/>) or for the database must not hold up the queries behind it. (The methods are
/// also <c>[ReadOnly]</c>, which lets them interleave with each other; the attribute says so for the whole grain.)
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed partial class ReadModelQueryGrain(
    ReadModelDataSource readModel,
    IChangeFeedSource feed,
    ReadModelPositionWatcher watcher,
    IOptions<ReadModelOptions> options) : Grain, IReadModelQueryGrain
{
    public async Task<EntityListPage> List(EntityListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        EntityKey.Create(query.Type, "validate");
        if (query.PageSize is < 1 or > EntityListQuery.MaxPageSize)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "limit", $"Page size must be between 1 and {EntityListQuery.MaxPageSize}; got {query.PageSize}.");
        }

        var contains = query.Contains is null ? null : JsonBoundary.Call(static text => JsonPayload.ParseMergePatch(text).Json, query.Contains);
        var (afterTime, afterId) = ParseCursor(query.Cursor);
        await WaitForAsync(query.MinPosition);
        return await InSnapshotAsync(async (connection, position) =>
        {
            await using var command = new NpgsqlCommand(query.OldestFirst ? ReadModelQuerySql.ListOldestFirst : ReadModelQuerySql.ListNewestFirst, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Type });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)contains ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = query.IncludeDeleted });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterId ?? string.Empty });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
            var items = await ReadEntitiesAsync(command);
            var next = items.Count == query.PageSize ? FormatCursor(items[^1]) : null;
            return new EntityListPage { Items = items, NextCursor = next, Position = position };
        }, empty: position => new EntityListPage { Items = [], Position = position });
    }

    public async Task<SearchResult> Search(string text, string? type, int limit, FeedPosition? minPosition)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 256)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "q", "Search text must be 1 to 256 characters.");
        }

        if (type is not null)
        {
            EntityKey.Create(type, "validate");
        }

        if (limit is < 1 or > EntityListQuery.MaxPageSize)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "limit", $"limit must be between 1 and {EntityListQuery.MaxPageSize}; got {limit}.");
        }

        await WaitForAsync(minPosition);
        return await InSnapshotAsync(async (connection, position) =>
        {
            var items = await ReadEntitiesAsync(SearchCommand(ReadModelQuerySql.Search, connection, text, type, limit));
            var facets = SearchCommand(ReadModelQuerySql.SearchFacets, connection, text, type, options.Value.MaxFacetRows);
            facets.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.MaxFacetValues });
            var (byType, bySource, truncated) = await ReadFacetsAsync(facets, options.Value.MaxFacetValues);
            return new SearchResult { Items = items, ByType = byType, BySource = bySource, Position = position, FacetsTruncated = truncated };
        }, empty: position => new SearchResult { Items = [], ByType = new Dictionary<string, long>(), BySource = new Dictionary<string, long>(), Position = position });
    }

    public async Task<StoreStatistics> Statistics(FeedPosition? minPosition)
    {
        await WaitForAsync(minPosition);
        return await InSnapshotAsync(async (connection, position) =>
        {
            var byType = await ReadCountsAsync(new NpgsqlCommand(ReadModelQuerySql.EntitiesByType, connection));
            var hourly = new List<HourlyCount>();
            await using var command = new NpgsqlCommand(ReadModelQuerySql.Hourly, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                hourly.Add(new HourlyCount(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.GetInt64(3), reader.GetInt64(4)));
            }

            return new StoreStatistics { EntitiesByType = byType, Hourly = hourly, Position = position };
        }, empty: position => new StoreStatistics { EntitiesByType = new Dictionary<string, long>(), Hourly = [], Position = position });
    }

    private static NpgsqlCommand SearchCommand(string sql, NpgsqlConnection connection, string text, string? type, int? limit)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)type ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        if (limit is { } l)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = l });
        }

        return command;
    }

    private static string FormatCursor(ReadModelEntity last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{last.UpdatedAt.UtcTicks}|{last.Key.Id}")));

    private static (DateTime? Time, string? Id) ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return (null, null);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            var ticks = long.Parse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture);
            return (new DateTime(ticks, DateTimeKind.Utc), text[(separator + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "cursor", $"'{cursor}' is not a listing cursor returned by this service.");
        }
    }
}
