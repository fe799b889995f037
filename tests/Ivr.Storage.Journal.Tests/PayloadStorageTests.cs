using Ivr.Storage.Journal.Hashing;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Journal.Tests;

/// <summary>How payloads are stored: the canonical text that was hashed, and older rows in jsonb's text form.</summary>
public sealed class PayloadStorageTests
{
    [Fact]
    public async Task a_payload_is_stored_as_the_canonical_text_that_was_hashed()
    {
        await using var harness = await JournalHarness.StartAsync();
        var record = TestChains.Next(JournalHarness.NewKey(), null, Json.JsonPayload.ParseObject("""{ "b": 1, "a": [2.50, "x"] }""").Json);
        await harness.Journal.AppendAsync(record);

        await using var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString);
        await using var select = new NpgsqlCommand("SELECT payload FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version = 1", connection);
        select.Parameters.Add(new() { Value = record.Key.Type });
        select.Parameters.Add(new() { Value = record.Key.Id });

        Assert.Equal("""{"a":[2.5,"x"],"b":1}""", await select.ExecuteScalarAsync());
    }

    [Fact]
    public async Task a_row_written_before_migration_0006_in_jsonb_text_form_reads_back_canonical_and_verifies()
    {
        await using var harness = await JournalHarness.StartAsync();
        var record = TestChains.Next(JournalHarness.NewKey(), null, """{"a":[2.5,"x"],"b":1}""");
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString);
        // What `ALTER COLUMN payload TYPE text USING payload::text` leaves behind: jsonb's output, not RFC 8785.
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO ivr.journal (entity_type, entity_id, version, kind, payload, committed_at, source, prev_hash, hash) VALUES ($1, $2, 1, 1, $3, $4, $5, $6, $7)",
            connection))
        {
            insert.Parameters.Add(new() { Value = record.Key.Type });
            insert.Parameters.Add(new() { Value = record.Key.Id });
            insert.Parameters.Add(new() { Value = """{"a": [2.50, "x"], "b": 1}""" });
            insert.Parameters.Add(new() { Value = record.CommittedAt.UtcDateTime });
            insert.Parameters.Add(new() { Value = record.Provenance.Source });
            insert.Parameters.Add(new() { Value = record.PreviousHash });
            insert.Parameters.Add(new() { Value = record.Hash });
            await insert.ExecuteNonQueryAsync();
        }

        var stored = (await harness.Journal.ReadVersionAsync(record.Key, 1))!;

        Assert.Equal(record.Payload, stored.Payload);
        Assert.Equal(record.Hash, ChainHash.Compute(stored));
    }
}
