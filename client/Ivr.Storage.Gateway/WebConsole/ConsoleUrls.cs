using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>The console's pasteable URLs; ids are percent-encoded (slashes included), as in the API's entity URLs.</summary>
internal static class ConsoleUrls
{
    public static string Entity(EntityKey key, string query = "") =>
        $"/console/entities/{Uri.EscapeDataString(key.Type)}/{Uri.EscapeDataString(key.Id)}{query}";

    public static string Type(string type, string query = "") => $"/console/types/{Uri.EscapeDataString(type)}{query}";

    public static string Revert(EntityKey key, long version) => Entity(key, $"/revert/{version}");
}
