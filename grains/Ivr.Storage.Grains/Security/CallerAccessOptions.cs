namespace Ivr.Storage.Grains.Security;

/// <summary>
/// Who may call the cluster (configuration section <c>Security</c>). A call is accepted only with a valid caller
/// token; a caller token's name must be listed here (silos, whose certificates carry server authentication, are
/// the cluster itself and need no entry).
/// </summary>
public sealed class CallerAccessOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Security";

    /// <summary>The callers; none by default, so a new cluster refuses every client until one is configured.</summary>
    public List<CallerAccess> Callers { get; set; } = [];

    /// <summary>The entry of <paramref name="name"/>, if configured.</summary>
    public CallerAccess? Find(string name) => Callers.Find(caller => string.Equals(caller.Name, name, StringComparison.Ordinal));
}
