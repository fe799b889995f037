using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>
/// What the page renders of a diff: each side's pretty JSON up to a bound, and the patch's first operations. A 1 MiB
/// payload pretty-printed is megabytes of text, and a browser laying that out three times over stops responding; the
/// page shows the beginning, says what it left out, and offers the whole patch as a download.
/// </summary>
public sealed record DiffExcerpt
{
    public required VersionRecord From { get; init; }

    public required VersionRecord To { get; init; }

    public required TextExcerpt FromText { get; init; }

    public required TextExcerpt ToText { get; init; }

    /// <summary>The first operations of the patch, pretty-printed as a JSON array.</summary>
    public required string Operations { get; init; }

    public required int OperationsShown { get; init; }

    public required int TotalOperations { get; init; }

    public int MoreOperations => TotalOperations - OperationsShown;

    public static DiffExcerpt Create(VersionRecord from, VersionRecord to, string patch, ConsoleOptions options)
    {
        using var document = JsonDocument.Parse(patch);
        var operations = document.RootElement.EnumerateArray().Take(options.DiffOperationsShown).ToList();
        return new DiffExcerpt
        {
            From = from,
            To = to,
            FromText = TextExcerpt.Of(ConsoleJson.Pretty(from.Payload), options.PayloadCharsShown),
            ToText = TextExcerpt.Of(ConsoleJson.Pretty(to.Payload), options.PayloadCharsShown),
            Operations = ConsoleJson.Pretty(JsonSerializer.Serialize(operations)),
            OperationsShown = operations.Count,
            TotalOperations = document.RootElement.GetArrayLength(),
        };
    }
}
