using System.Text.Json;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>Reads every written entity back and compares it with its last acknowledged write.</summary>
internal static class LatestVersions
{
    /// <summary>
    /// <paramref name="read"/> returns an entity's current version and payload; each must be the entity's last
    /// acknowledged write (reads are served by whichever silo holds the activation now).
    /// </summary>
    public static async Task AssertReadBackAsync(IEnumerable<AcknowledgedWrite> acknowledged, Func<string, Task<(long Version, string Payload)>> read)
    {
        var problems = new List<string>();
        var latest = acknowledged.GroupBy(write => write.EntityId).Select(writes => writes.MaxBy(write => write.Version)!).ToList();
        foreach (var write in latest)
        {
            var (version, payload) = await read(write.EntityId);
            using var document = JsonDocument.Parse(payload);
            var sequence = document.RootElement.GetProperty("sequence").GetInt32();
            if (version != write.Version || sequence != write.Sequence)
            {
                problems.Add($"{write.EntityId}: read v{version} (sequence {sequence}), last acknowledged v{write.Version} (sequence {write.Sequence})");
            }
        }

        Assert.True(latest.Count > 0, "entities were written");
        Assert.True(problems.Count == 0, $"{problems.Count} of {latest.Count} entities read back stale, e.g.:\n{string.Join('\n', problems.Take(10))}");
    }
}
