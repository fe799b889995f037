using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Journal.Tests;

public sealed class AppendOnlyTests
{
    [Fact]
    public async Task the_runtime_role_may_not_update_or_delete_journal_rows()
    {
        var key = await WriteOneVersionAsync();
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString);

        var update = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, "UPDATE ivr.journal SET payload = '{}' WHERE entity_type = $1 AND entity_id = $2", key));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, "DELETE FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2", key));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
    }

    [Fact]
    public async Task even_the_owner_is_stopped_by_the_append_only_trigger()
    {
        var key = await WriteOneVersionAsync();
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.MigrationsConnectionString);

        var update = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, "UPDATE ivr.journal SET payload = '{}' WHERE entity_type = $1 AND entity_id = $2", key));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, "DELETE FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2", key));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        await using var check = new NpgsqlCommand("SELECT payload FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2", connection);
        check.Parameters.Add(new() { Value = key.Type });
        check.Parameters.Add(new() { Value = key.Id });
        Assert.Equal("""{"n":1}""", await check.ExecuteScalarAsync());
    }

    private static async Task<Contracts.EntityKey> WriteOneVersionAsync()
    {
        await using var harness = await JournalHarness.StartAsync();
        var key = JournalHarness.NewKey();
        await harness.Journal.AppendAsync(TestChains.Next(key, null));
        return key;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, Contracts.EntityKey key)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = key.Type });
        command.Parameters.Add(new() { Value = key.Id });
        await command.ExecuteNonQueryAsync();
    }
}
