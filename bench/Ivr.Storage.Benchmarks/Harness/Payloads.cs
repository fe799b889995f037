namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>About 1 KB JSON objects, different per write so nothing can be cached or deduplicated.</summary>
internal static class Payloads
{
    private static readonly string Filler = new('x', 900);

    public static string OneKilobyte(int caller, long sequence) =>
        $$"""{"caller":{{caller}},"sequence":{{sequence}},"status":"active","tags":["ivr","bench"],"data":"{{Filler}}"}""";
}
