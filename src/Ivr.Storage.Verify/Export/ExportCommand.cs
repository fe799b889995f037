using System.Text.Json.Nodes;
using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.Verify.Export;

/// <summary>
/// Checks a whole export (GET /export, NDJSON: a header line naming the head and the range, then one line per version)
/// against the trusted keys and, when given, the head the auditor kept. Exit code 0 valid, 1 invalid, 2 unreadable.
/// </summary>
internal static class ExportCommand
{
    public static int Run(string exportFile, IReadOnlyList<string> keyFiles, string? trustedHeadFile, TextWriter output) =>
        Run(exportFile, new TrustFiles(keyFiles, []), trustedHeadFile, output);

    public static int Run(string exportFile, TrustFiles trust, string? trustedHeadFile, TextWriter output)
    {
        try
        {
            var keys = trust.Load();
            using var reader = File.OpenText(exportFile);
            var (head, range) = ParseHeader(reader.ReadLine());
            var trusted = trustedHeadFile is null ? null : TreeHeadJson.Parse(File.ReadAllText(trustedHeadFile));
            var result = Verify(keys, head, range, trusted, Lines(reader), out var count);
            output.WriteLine(result.IsValid
                ? $"valid: {count} versions of {range.Type ?? "every type"}, leaves {range.From}..{range.To - 1} of head {head.TreeSize} signed by {head.KeyId}"
                : $"invalid: {result}");
            return result.IsValid ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    /// <summary>The checks without files: the head's signature, the kept head, then every line in order.</summary>
    public static AuditResult Verify(TreeHeadKeyRing keys, SignedTreeHead head, ExportRange range, SignedTreeHead? trusted, IEnumerable<ExportLine> lines, out long count)
    {
        count = 0;
        // Checked here, not only per line: an export with no line must not pass under an untrusted head.
        var signature = keys.Verify(head);
        if (!signature.IsValid)
        {
            return signature;
        }

        if (trusted is not null && (trusted.TreeSize != head.TreeSize || !trusted.RootHash.AsSpan().SequenceEqual(head.RootHash)))
        {
            return AuditResult.Fail(AuditFailure.TreeSizeMismatch, $"the export is against head {head.TreeSize}, not the kept head {trusted.TreeSize} (ask for ?treeSize={trusted.TreeSize})");
        }

        if (range.From < 0 || range.From > range.To || range.To > head.TreeSize)
        {
            return AuditResult.Fail(AuditFailure.OutOfRange, $"the export claims leaves {range.From}..{range.To - 1}, outside head {head.TreeSize}");
        }

        var exportVerifier = new ExportVerifier(new AuditVerifier(keys), head, range);
        foreach (var line in lines)
        {
            var result = exportVerifier.Check(line);
            if (!result.IsValid)
            {
                count = exportVerifier.Checked;
                return result;
            }
        }

        count = exportVerifier.Checked;
        return exportVerifier.Complete();
    }

    private static (SignedTreeHead Head, ExportRange Range) ParseHeader(string? text)
    {
        try
        {
            var header = JsonNode.Parse(text ?? throw new FormatException("The export is empty."))!.AsObject();
            return (TreeHeadJson.Parse(header["head"]), new ExportRange(header["type"]?.GetValue<string>(), header["from"]!.GetValue<long>(), header["to"]!.GetValue<long>()));
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new FormatException($"Not an export header: {e.Message}", e);
        }
    }

    private static IEnumerable<ExportLine> Lines(StreamReader reader)
    {
        var number = 1;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            JsonObject line;
            try
            {
                line = JsonNode.Parse(text)!.AsObject();
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or System.Text.Json.JsonException)
            {
                throw new FormatException($"Line {number} is not a JSON object: {e.Message}", e);
            }

            yield return ExportLine.Parse(line);
        }
    }
}
