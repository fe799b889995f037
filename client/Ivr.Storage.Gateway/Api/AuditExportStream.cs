using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// An export as NDJSON: a header line <c>{"head":…,"type":…,"from":…,"to":…}</c>, then one line per version as
/// history returns it plus <c>leafIndex</c> and <c>path</c> (hex, nearest first). The head is named once, at the top:
/// every line is proven against it, and an auditor compares that one head with the one they kept.
/// </summary>
internal sealed class AuditExportStream(IAsyncEnumerator<AuditExportPage> pages, string? type, long from, JsonSerializerOptions json)
{
    public const string ContentType = "application/x-ndjson";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes the header and the page the enumerator stands on, then every later page; flushes per page.</summary>
    public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        await using (pages)
        {
            var first = pages.Current;
            var header = new JsonObject
            {
                ["head"] = JsonSerializer.SerializeToNode(LogHeadResponse.From(first.Head), json),
                ["type"] = type,
                ["from"] = from,
                ["to"] = first.To,
            };
            await WriteLineAsync(body, header, cancellationToken);
            do
            {
                foreach (var item in pages.Current.Items)
                {
                    var line = JsonSerializer.SerializeToNode(VersionResponse.From(item.Version), json)!.AsObject();
                    line["leafIndex"] = item.LeafIndex;
                    line["path"] = new JsonArray([.. item.Path.Select(p => (JsonNode)Convert.ToHexStringLower(p))]);
                    await WriteLineAsync(body, line, cancellationToken);
                }

                await body.FlushAsync(cancellationToken);
            }
            while (await pages.MoveNextAsync());
        }
    }

    private static async Task WriteLineAsync(Stream body, JsonNode line, CancellationToken cancellationToken)
    {
        await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(line), cancellationToken);
        await body.WriteAsync(NewLine, cancellationToken);
    }
}
