using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Hashing;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Journal.Tests;

/// <summary>
/// Least privilege in the database (issue 15, finding 4), attacked with the role that must be refused: the runtime
/// role may append versions but not choose where they land in the change feed, not stamp them with a time of its
/// choosing and not change rows; the owner (the migrations' login) may not create roles or grant itself more.
/// </summary>
public sealed class RoleRefusalTests(RoleRefusalDatabase fixture) : IClassFixture<RoleRefusalDatabase>
{
    private const string Owner = "ivr_storage_owner";

    [Fact]
    public async Task the_runtime_role_cannot_choose_the_transaction_id_of_a_row()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var runtime = await TestServices.OpenPostgresAsync(fixture.Database.JournalConnectionString);

        // A transaction id below the feed readers' cursors would place the row behind them: never delivered.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(runtime, id, "clock_timestamp()", extraColumn: "tx_id", extraValue: "'3'::xid8"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(0L, await CountRowsAsync(id));
    }

    [Fact]
    public async Task the_runtime_role_cannot_choose_the_position_of_a_row()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var runtime = await TestServices.OpenPostgresAsync(fixture.Database.JournalConnectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(runtime, id, "clock_timestamp()", extraColumn: "position", extraValue: "1", overriding: true));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(0L, await CountRowsAsync(id));
    }

    [Theory]
    [InlineData("clock_timestamp() - interval '1 hour'")]
    [InlineData("'2020-01-01T00:00:00Z'::timestamptz")]
    [InlineData("clock_timestamp() + interval '1 minute'")]
    [InlineData("'2100-01-01T00:00:00Z'::timestamptz")]
    public async Task the_runtime_role_cannot_stamp_a_commit_time_far_from_the_database_clock(string committedAt)
    {
        var id = Guid.NewGuid().ToString("N");
        await using var runtime = await TestServices.OpenPostgresAsync(fixture.Database.JournalConnectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(runtime, id, committedAt));

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Contains("committed_at", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(0L, await CountRowsAsync(id));
    }

    [Fact]
    public async Task the_runtime_role_appends_rows_stamped_by_a_clock_that_keeps_time()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var runtime = await TestServices.OpenPostgresAsync(fixture.Database.JournalConnectionString);

        // The refusals above are the window, not the statement: now, a little behind and a little ahead go in.
        await InsertAsync(runtime, id, "clock_timestamp()");
        await InsertAsync(runtime, id, "clock_timestamp() - interval '10 seconds'", version: 2);
        await InsertAsync(runtime, id, "clock_timestamp() + interval '2 seconds'", version: 3);

        Assert.Equal(3L, await CountRowsAsync(id));
    }

    [Fact]
    public async Task an_append_stamped_outside_the_window_fails_alone_as_unavailable_and_a_fresh_stamp_goes_in()
    {
        await using var harness = await JournalHarness.StartAsync(connectionString: fixture.Database.JournalConnectionString);
        var key = JournalHarness.NewKey();
        var fresh = TestChains.Next(key, null);
        // A correctly hashed version whose clock was an hour behind: the silo cannot tell, the database can.
        var stale = fresh with { CommittedAt = fresh.CommittedAt.AddHours(-1) };
        stale = stale with { Hash = ChainHash.Compute(stale) };

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => harness.Journal.AppendAsync(stale));
        var outcome = await harness.Journal.AppendAsync(TestChains.Next(key, null));

        Assert.Contains("committed_at", refused.Message, StringComparison.Ordinal);
        Assert.IsType<AppendOutcome.Committed>(outcome);
    }

    [Fact]
    public async Task only_a_member_of_the_clock_exempt_role_may_stamp_any_time_and_it_still_cannot_choose_the_feed_order()
    {
        var id = Guid.NewGuid().ToString("N");
        var testClock = new NpgsqlConnectionStringBuilder(TestServices.FakeClockJournalConnectionString) { Database = fixture.Database.Name }.ConnectionString;
        await using var exempt = await TestServices.OpenPostgresAsync(testClock);

        // The fake clocks of the in-process test clusters start on 2026-01-01 (EntityClusterFixture).
        await InsertAsync(exempt, id, "'2026-01-01T00:00:00Z'::timestamptz");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(exempt, id, "clock_timestamp()", extraColumn: "tx_id", extraValue: "'3'::xid8", version: 2));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(1L, await CountRowsAsync(id));
    }

    [Theory]
    [InlineData("UPDATE ivr.journal SET committed_at = committed_at - interval '1 day' WHERE entity_type = 'role-test'")]
    [InlineData("DELETE FROM ivr.journal WHERE entity_type = 'role-test'")]
    [InlineData("TRUNCATE ivr.journal")]
    [InlineData("ALTER TABLE ivr.journal DISABLE TRIGGER USER")]
    [InlineData("DROP TRIGGER journal_no_update_or_delete ON ivr.journal")]
    public async Task the_runtime_role_cannot_change_or_unprotect_journal_rows(string sql)
    {
        var id = Guid.NewGuid().ToString("N");
        await using var runtime = await TestServices.OpenPostgresAsync(fixture.Database.JournalConnectionString);
        await InsertAsync(runtime, id, "clock_timestamp()");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(runtime, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(1L, await CountRowsAsync(id));
    }

    [Theory]
    [InlineData($"ALTER ROLE {Owner} CREATEROLE")]
    [InlineData($"ALTER ROLE {Owner} SUPERUSER")]
    [InlineData($"ALTER ROLE {Owner} BYPASSRLS")]
    [InlineData($"GRANT pg_execute_server_program TO {Owner}")]
    [InlineData($"GRANT pg_read_server_files TO {Owner}")]
    [InlineData("CREATE ROLE ivr_roles_intruder LOGIN PASSWORD 'x'")]
    [InlineData("GRANT ivr_storage_clock_exempt TO ivr_storage_app")]
    public async Task the_owner_cannot_create_roles_or_grant_itself_more(string sql)
    {
        await using var owner = await TestServices.OpenPostgresAsync(TestServices.MigrationsConnectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(owner, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task the_owner_and_the_runtime_role_hold_no_role_attribute_or_membership_beyond_their_own()
    {
        await using var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString);
        await using var command = new NpgsqlCommand(
            """
            SELECT r.rolname, r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls,
                   coalesce((SELECT string_agg(g.rolname, ',' ORDER BY g.rolname) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid), '')
              FROM pg_roles r WHERE r.rolname IN ('ivr_storage_owner', 'ivr_storage_app') ORDER BY r.rolname
            """, admin);
        var roles = new List<(string Name, bool Privileged, string MemberOf)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                roles.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetString(2)));
            }
        }

        Assert.Equal([("ivr_storage_app", false, "ivr_storage_writer"), ("ivr_storage_owner", false, "")], roles);
    }

    /// <summary>A raw INSERT of version <paramref name="version"/> of entity <c>role-test/{id}</c>, as a compromised silo would send it.</summary>
    private static async Task InsertAsync(NpgsqlConnection connection, string id, string committedAt, string? extraColumn = null, string? extraValue = null, bool overriding = false, long version = 1)
    {
        var columns = "entity_type, entity_id, version, kind, payload, committed_at, source, prev_hash, hash" + (extraColumn is null ? string.Empty : ", " + extraColumn);
        var values = $"'role-test', $1, $2, 1, '{{}}', {committedAt}, 'role-tests', decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex')" + (extraValue is null ? string.Empty : ", " + extraValue);
        await using var command = new NpgsqlCommand($"INSERT INTO ivr.journal ({columns}) {(overriding ? "OVERRIDING SYSTEM VALUE " : string.Empty)}VALUES ({values})", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountRowsAsync(string id)
    {
        await using var owner = await TestServices.OpenPostgresAsync(fixture.Database.OwnerConnectionString);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM ivr.journal WHERE entity_type = 'role-test' AND entity_id = $1", owner);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
