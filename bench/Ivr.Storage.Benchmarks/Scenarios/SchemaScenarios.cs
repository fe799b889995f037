using System.Diagnostics;
using System.Text.Json;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Schemas;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// Issue 18: W1-S (W1's load with every write validated against <see cref="SchemaDocuments.Definition"/>) beside W1
/// with the same documents on a free-form type, and VS, the cost of validating one such document in process.
/// </summary>
internal static class SchemaScenarios
{
    public static async Task<IReadOnlyList<Comparison>> RunW1SAsync(ScenarioContext context)
    {
        // A type per round: a repeated run never meets an earlier round's schema or entities.
        var type = $"bench-schema-r{context.Round}";
        await context.Session.Client.GetGrain<ISchemaRegistryGrain>(type).Register(SchemaDocuments.Definition, ScenarioContext.Write(context.Own("w1s-schema")));
        IEntityGrain Free(int caller, long entity) => context.Entity(W1Load.Id(context, "w1f", caller, (int)entity));
        IEntityGrain Governed(int caller, long entity) => context.Session.Client.GetGrain<IEntityGrain>(EntityKey.Create(type, W1Load.Id(context, "w1s", caller, (int)entity)).ToGrainKey());
        await WarmAsync(context, Free);
        await WarmAsync(context, Governed);

        // Alternated by round, so neither run always has the warmer database.
        var freeFirst = context.Round % 2 == 0;
        var first = await PutAsync(context, freeFirst ? Free : Governed, freeFirst ? "w1f" : "w1s");
        var second = await PutAsync(context, freeFirst ? Governed : Free, freeFirst ? "w1s" : "w1f");
        var (w1, w1s) = freeFirst ? (first, second) : (second, first);
        return
        [
            WriteScenarios.Throughput("W1-S", "writes validated against a 20-property 1 KB schema ÷ the same writes without one (W1)", w1s, w1, 0.9,
                $"document {SchemaDocuments.OneKilobyte(0, 0).Length} bytes; formats, patterns and enums checked on every write"),
        ];
    }

    /// <summary>Validation of one 1 KB document on this process's thread, beside a raw <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/> of it.</summary>
    public static Task<IReadOnlyList<Comparison>> RunValidationAsync(ScenarioContext context)
    {
        var schema = new CompiledSchema(1, SchemaDefinition.Parse(SchemaDocuments.Definition).Schema);
        var documents = Enumerable.Range(0, 64).Select(i => SchemaDocuments.OneKilobyte(i, i)).ToArray();
        if (schema.Validate(documents[0]) is { Count: > 0 } violations)
        {
            throw new InvalidOperationException($"The W1-S document is not valid under its schema: {violations[0].Pointer} {violations[0].Message}");
        }

        var seconds = context.Options.Smoke ? 0.2 : Math.Max(2, context.Options.Duration.TotalSeconds / 2);
        Loop(documents, document => schema.Validate(document).Count, seconds / 2);
        var validate = Loop(documents, document => schema.Validate(document).Count, seconds, "validate 1 KB against the 20-property schema");
        Loop(documents, Parse, seconds / 2);
        var parse = Loop(documents, Parse, seconds, "JsonDocument.Parse of the same 1 KB");
        var micros = validate.Seconds * 1e6 / validate.Operations;
        var parseMicros = parse.Seconds * 1e6 / parse.Operations;
        return Task.FromResult<IReadOnlyList<Comparison>>(
        [
            new Comparison("VS", "validation of a 1 KB document, µs per operation (one thread)", validate, parse, "µs per validation", micros, "<= 20 µs", micros <= 20,
                $"raw JsonDocument.Parse of the same document: {parseMicros:0.00} µs/op; validation includes its own parse"),
        ]);
    }

    private static int Parse(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        return parsed.RootElement.GetPropertyCount();
    }

    /// <summary>Runs <paramref name="operation"/> over the documents for <paramref name="seconds"/>, in batches timed together.</summary>
    private static Measurement Loop(string[] documents, Func<string, int> operation, double seconds, string name = "warm-up")
    {
        var sink = 0L;
        var operations = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var document in documents)
            {
                sink += operation(document);
            }

            operations += documents.Length;
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        var meanMs = elapsed * 1000 / operations;
        return new Measurement(name, 1, operations, elapsed, meanMs, meanMs, meanMs);
    }

    private static Task WarmAsync(ScenarioContext context, Func<int, long, IEntityGrain> entity) =>
        LoadRunner.RunAsync("warm-up", context.Options.Concurrency, TimeSpan.FromHours(1),
            (caller, sequence) => entity(caller, sequence).Put(SchemaDocuments.OneKilobyte(caller, 0), ScenarioContext.Write(context.Own($"warm-{Guid.NewGuid():N}"))),
            maxOperationsPerCaller: context.Options.EntitiesPerCaller);

    private static Task<Measurement> PutAsync(ScenarioContext context, Func<int, long, IEntityGrain> entity, string prefix)
    {
        var perCaller = context.Options.EntitiesPerCaller;
        var name = prefix == "w1s" ? "put 1 KB call record, schema validated (W1-S)" : "put 1 KB call record, no schema (W1)";
        return LoadRunner.RunAsync(name, context.Options.Concurrency, context.Options.Duration,
            (caller, sequence) => entity(caller, sequence % perCaller).Put(SchemaDocuments.OneKilobyte(caller, sequence), ScenarioContext.Write($"{context.Own(prefix)}-{caller}-{sequence}")),
            cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
    }
}
