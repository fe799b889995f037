using Npgsql;
using NpgsqlTypes;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// The raw baseline: plain Npgsql statements doing the same durable work against a table identical to ivr.journal
/// (same columns, keys, indexes and defaults), one row per statement, autocommit, from this process. Rows carry an
/// idempotency key and request hash like ours, so the unique key index does the same work.
/// </summary>
internal sealed class RawPostgresBaseline
{
    private const string Insert =
        """
        INSERT INTO ivr_bench.journal_baseline (entity_type, entity_id, version, kind, payload, committed_at, source, idempotency_key, request_hash, prev_hash, hash)
        VALUES ($1, $2, $3, 1, $4, now(), 'bench', $2 || '@' || $3, $5, $5, $6)
        """;

    private const string Select =
        "SELECT payload, version, hash FROM ivr_bench.journal_baseline WHERE entity_type = $1 AND entity_id = $2 AND version = $3";

    private readonly NpgsqlDataSource _dataSource;
    private static readonly byte[] Hash = new byte[32];

    private RawPostgresBaseline(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>Creates the baseline table; statements run on <paramref name="dataSource"/> (the session's, which disposes it).</summary>
    public static async Task<RawPostgresBaseline> CreateAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            """
            CREATE SCHEMA IF NOT EXISTS ivr_bench;
            DROP TABLE IF EXISTS ivr_bench.journal_baseline;
            CREATE TABLE ivr_bench.journal_baseline (LIKE ivr.journal INCLUDING ALL);
            """);
        await command.ExecuteNonQueryAsync();
        return new RawPostgresBaseline(dataSource);
    }

    public async Task InsertAsync(string id, long version, string payload)
    {
        await using var command = _dataSource.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "bench" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Hash });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Hash });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string> SelectAsync(string id, long version)
    {
        await using var command = _dataSource.CreateCommand(Select);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "bench" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetString(0) : throw new InvalidOperationException($"baseline row {id}/{version} missing");
    }
}
