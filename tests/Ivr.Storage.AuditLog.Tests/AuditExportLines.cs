using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Journal;
using Ivr.Storage.Verify.Export;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>
/// An export as the silo builds it (leaves and paths from the log, versions from the journal as it is now) in the
/// gateway's line format, and the offline check of it. The gateway's own lines are checked by AuditorWorkedExampleTests.
/// </summary>
internal static class AuditExportLines
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<List<JsonObject>> ExportAsync(AuditLogHarness log, long treeSize, string? type = null)
    {
        var lines = new List<JsonObject>();
        var page = await log.Reader.LeavesAsync(type, treeSize, 0, null, 1000);
        foreach (var item in page.Items)
        {
            if (await log.Journal.Journal.ReadVersionAsync(Contracts.EntityKey.Create(item.Leaf.Type, item.Leaf.Id), item.Leaf.Version) is { } record)
            {
                // Through text, as a file on the auditor's side holds it.
                lines.Add(JsonNode.Parse(Line(record, item.Proof.LeafIndex, item.Proof.Path).ToJsonString())!.AsObject());
            }
        }

        return lines;
    }

    public static AuditResult Verify(AuditLogHarness log, SignedTreeHead kept, IEnumerable<JsonObject> lines, string? type = null) =>
        ExportCommand.Verify(log.Keys, kept, new ExportRange(type, 0, kept.TreeSize), kept, lines.Select(ExportLine.Parse), out _);

    private static JsonObject Line(JournalRecord record, long leafIndex, IReadOnlyList<byte[]> path)
    {
        var version = record.ToVersionRecord();
        return new JsonObject
        {
            ["type"] = version.Key.Type,
            ["id"] = version.Key.Id,
            ["version"] = version.Version,
            ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(version.Kind.ToString()),
            ["committedAt"] = version.CommittedAt,
            ["payload"] = version.Payload is null ? null : JsonNode.Parse(version.Payload),
            ["provenance"] = JsonSerializer.SerializeToNode(version.Provenance, Web),
            ["idempotencyKey"] = version.IdempotencyKey,
            ["schemaVersion"] = version.SchemaVersion,
            ["tags"] = JsonSerializer.SerializeToNode(version.Tags, Web),
            ["previousHash"] = version.PreviousHash,
            ["hash"] = version.Hash,
            ["leafIndex"] = leafIndex,
            ["path"] = new JsonArray([.. path.Select(p => (JsonNode)Convert.ToHexStringLower(p))]),
        };
    }
}
