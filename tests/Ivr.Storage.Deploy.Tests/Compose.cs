using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>deploy/compose/compose.yaml, parsed with its merge keys resolved.</summary>
internal static class Compose
{
    public const string Directory = "deploy/compose";

    public const string FilePath = Directory + "/compose.yaml";

    public static YamlMappingNode Document => Yaml.LoadDocuments(FilePath).Single();

    public static YamlMappingNode Services => Document.Map("services");

    public static IEnumerable<string> ServiceNames => Services.Children.Keys.Select(key => ((YamlScalarNode)key).Value!);

    public static IEnumerable<string> SiloNames => ServiceNames.Where(name => name.StartsWith("silo", StringComparison.Ordinal));

    public static YamlMappingNode Service(string name) =>
        Services.Find(name) as YamlMappingNode ?? throw new Xunit.Sdk.XunitException($"compose service '{name}' is missing");

    /// <summary>A service's environment (the mapping form compose.yaml uses).</summary>
    public static IReadOnlyDictionary<string, string> Environment(string service) => Service(service).Labels("environment");

    /// <summary>Container paths of a service's volumes (short syntax source:target[:mode]) with whether they are read-only.</summary>
    public static IReadOnlyList<(string Target, bool ReadOnly)> Volumes(string service) =>
        [.. Service(service).Strings("volumes").Select(volume => volume.Split(':')).Select(parts => (parts[1], parts.Length > 2 && parts[2].Split(',').Contains("ro")))];

    /// <summary>Whether <paramref name="path"/> lies in a read-only volume of the service.</summary>
    public static bool IsInReadOnlyVolume(string service, string path) =>
        Volumes(service).Any(volume => volume.ReadOnly && path.StartsWith(volume.Target.TrimEnd('/') + "/", StringComparison.Ordinal));
}
