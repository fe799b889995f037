using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Ivr.Storage.Json;

namespace Ivr.Storage.MicroBenchmarks;

[MemoryDiagnoser]
public class JsonBenchmarks
{
    private readonly JsonNode _payload = Documents.Parse(Documents.OneKilobyte);
    private readonly JsonNode _patch = Documents.Parse(Documents.Patch);
    private readonly JsonNode _patched = JsonMergePatch.Apply(Documents.Parse(Documents.OneKilobyte), Documents.Parse(Documents.Patch))!;

    [Benchmark(Description = "validate + canonicalize a 1 KB payload (write path)")]
    public string ParsePayload() => JsonPayload.ParseObject(Documents.OneKilobyte).Json;

    [Benchmark(Description = "canonicalize a 1 KB JsonNode")]
    public byte[] CanonicalizeNode() => CanonicalJson.Serialize(_payload);

    [Benchmark(Description = "merge patch (RFC 7396)")]
    public JsonNode? MergePatch() => JsonMergePatch.Apply(_payload, _patch);

    [Benchmark(Description = "diff as JSON Patch (RFC 6902)")]
    public JsonArray Diff() => JsonPatchDiff.Create(_payload, _patched);
}
