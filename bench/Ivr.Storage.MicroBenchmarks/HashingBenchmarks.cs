using BenchmarkDotNet.Attributes;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Hashing;
using Ivr.Storage.Json;

namespace Ivr.Storage.MicroBenchmarks;

[MemoryDiagnoser]
public class HashingBenchmarks
{
    private readonly JournalRecord _record = new()
    {
        Key = EntityKey.Create("call-session", "2b7e1516-28ae-d2a6-abf7-158809cf4f3c"),
        Version = 42,
        Kind = ChangeKind.Put,
        Payload = JsonPayload.ParseObject(Documents.OneKilobyte).Json,
        CommittedAt = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero),
        Provenance = new Provenance { Source = "ivr-server", CorrelationId = "4bf92f3577b34da6a3ce929d0e0e4736", Actor = "worker-7", Reason = "call ended" },
        IdempotencyKey = "c0ffee",
        Tags = new Dictionary<string, string> { ["tenant"] = "acme" },
        PreviousHash = new byte[32],
        Hash = [],
    };

    [Benchmark(Description = "chain hash of one version (1 KB payload)")]
    public byte[] ChainHashOfVersion() => ChainHash.Compute(_record);

    [Benchmark(Description = "canonical metadata only")]
    public byte[] CanonicalMetadata() => ChainHash.CanonicalMetadata(_record);
}
