using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>JSON as people read it: indented, non-ASCII kept (the page escapes HTML itself).</summary>
internal static class ConsoleJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(string? json)
    {
        if (json is null)
        {
            return "(none)";
        }

        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Indented);
    }
}
