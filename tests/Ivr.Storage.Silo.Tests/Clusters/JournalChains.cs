using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>What ivr.journal holds for a test's entities, compared with what the store acknowledged.</summary>
internal static class JournalChains
{
    /// <summary>
    /// The <c>sequence</c> field of every version of the entities of <paramref name="entityType"/> whose ids start with
    /// <paramref name="idPrefix"/>. The payload column is text since migration 0006 (jsonb before): cast either way.
    /// </summary>
    public static async Task<Dictionary<(string Id, long Version), int>> ReadSequencesAsync(string entityType, string idPrefix)
    {
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString);
        await using var command = new NpgsqlCommand("SELECT entity_id, version, (payload::jsonb->>'sequence')::int FROM ivr.journal WHERE entity_type = $1 AND starts_with(entity_id, $2)", connection);
        command.Parameters.Add(new() { Value = entityType });
        command.Parameters.Add(new() { Value = idPrefix });
        var rows = new Dictionary<(string, long), int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[(reader.GetString(0), reader.GetInt64(1))] = reader.GetInt32(2);
        }

        return rows;
    }

    /// <summary>
    /// The journal holds exactly the acknowledged writes: each entity's chain is versions 1..n without a gap, in the
    /// order its writer wrote them, every acknowledged version is there with its payload, and nothing else is (a write
    /// repeated after a refusal was not stored twice).
    /// </summary>
    public static async Task AssertHoldExactlyAsync(string entityType, string idPrefix, IReadOnlyCollection<AcknowledgedWrite> acknowledged)
    {
        var rows = await ReadSequencesAsync(entityType, idPrefix);
        var problems = new List<string>();
        foreach (var chain in rows.GroupBy(row => row.Key.Id))
        {
            var versions = chain.OrderBy(row => row.Key.Version).ToList();
            for (var i = 0; i < versions.Count; i++)
            {
                if (versions[i].Key.Version != i + 1)
                {
                    problems.Add($"{chain.Key}: version {i + 1} is missing (next stored is {versions[i].Key.Version})");
                    break;
                }

                if (i > 0 && versions[i].Value <= versions[i - 1].Value)
                {
                    problems.Add($"{chain.Key}: version {i + 1} holds sequence {versions[i].Value}, not after {versions[i - 1].Value}");
                }
            }
        }

        foreach (var write in acknowledged)
        {
            if (!rows.TryGetValue((write.EntityId, write.Version), out var sequence) || sequence != write.Sequence)
            {
                problems.Add($"{write.EntityId} v{write.Version}: acknowledged with sequence {write.Sequence}, journal holds {(rows.ContainsKey((write.EntityId, write.Version)) ? sequence : "nothing")}");
            }
        }

        if (rows.Count != acknowledged.Count)
        {
            problems.Add($"the journal holds {rows.Count} versions, {acknowledged.Count} writes were acknowledged");
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems in the journal, e.g.:\n{string.Join('\n', problems.Take(10))}");
    }
}
