using BenchmarkDotNet.Attributes;
using Ivr.Storage.Contracts;
using Ivr.Storage.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ivr.Storage.MicroBenchmarks;

/// <summary>Orleans serialization of what a write sends and receives.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer(builder => builder.AddAssembly(typeof(WriteOptions).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();

    private readonly WriteOptions _options = new()
    {
        Provenance = new Provenance { Source = "ivr-server", CorrelationId = "4bf92f3577b34da6a3ce929d0e0e4736" },
        Expected = ExpectedVersion.Exactly(41),
        IdempotencyKey = "c0ffee",
    };

    private readonly EntityState _state = new()
    {
        Key = EntityKey.Create("call-session", "2b7e1516"),
        Version = 42,
        Payload = JsonPayload.ParseObject(Documents.OneKilobyte).Json,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        LastProvenance = new Provenance { Source = "ivr-server" },
        Hash = new string('a', 64),
    };

    [Benchmark(Description = "round trip WriteOptions")]
    public WriteOptions? RoundTripWriteOptions() => _serializer.Deserialize<WriteOptions>(_serializer.SerializeToArray(_options));

    [Benchmark(Description = "round trip EntityState (1 KB payload)")]
    public EntityState? RoundTripEntityState() => _serializer.Deserialize<EntityState>(_serializer.SerializeToArray(_state));
}
