using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>The console's pasteable URLs; ids are percent-encoded (slashes included), as in the API's entity URLs.</summary>
internal static class ConsoleUrls
{
    public static string Entity(EntityKey key, string query = "") =>
        $"/console/entities/{Uri.EscapeDataString(key.Type)}/{Uri.EscapeDataString(key.Id)}{query}";

    public static string Type(string type, string query = "") => $"/console/types/{Uri.EscapeDataString(type)}{query}";

    /// <summary>The versions carrying <paramref name="correlationId"/>, from <paramref name="cursor"/> on.</summary>
    public static string Correlation(string correlationId, string? cursor = null) =>
        $"/console/correlations?id={Uri.EscapeDataString(correlationId)}{(cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}")}";

    public static string Revert(EntityKey key, long version) => Entity(key, $"/revert/{version}");
}
