using System.Text.Json.Nodes;
using CsCheck;
using Ivr.Storage.Contracts;
using Ivr.Storage.Json;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

/// <summary>
/// Random sequences of writes against a real grain and against a list-of-versions model; every outcome and every
/// read (current, each version, as-of each commit time, diffs) must agree.
/// </summary>
[Collection(EntityClusterCollection.Name)]
public sealed class EntityModelPropertyTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    private enum Expect { Any, Current, Wrong, NotExists }

    private sealed record Op(int Kind, int Seed, Expect Expect, int Target);

    private static readonly Gen<Op> OpGen =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 9], Gen.Enum<Expect>(), Gen.Int[1, 12], (kind, seed, expect, target) => new Op(kind, seed, expect, target));

    [Fact]
    public async Task random_operation_sequences_match_the_model()
    {
        await OpGen.Array[1, 14].SampleAsync(RunSequence, iter: 25, threads: 1);
    }

    private async Task RunSequence(Op[] ops)
    {
        var grain = NewEntity(out _);
        var model = new List<JsonObject?>();
        var committedAt = new List<DateTimeOffset>();
        foreach (var op in ops)
        {
            var expected = ToExpected(op.Expect, model);
            var modelOutcome = Apply(model, op, expected);
            Exception? error = null;
            WriteResult? result = null;
            try
            {
                result = op.Kind switch
                {
                    0 => await grain.Put(PutPayload(op.Seed).ToJsonString(), By(expected: expected)),
                    1 => await grain.Patch(PatchDocument(op.Seed).ToJsonString(), By(expected: expected)),
                    2 => await grain.Delete(By(expected: expected)),
                    _ => await grain.Revert(op.Target, By(expected: expected)),
                };
            }
            catch (EntityStoreException ex)
            {
                error = ex;
            }

            Assert.Equal(modelOutcome, error?.GetType());
            if (result is not null)
            {
                Assert.Equal(model.Count, result.Version);
                committedAt.Add(result.CommittedAt);
            }
        }

        if (model.Count == 0)
        {
            await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetCurrent());
            return;
        }

        var current = await grain.GetCurrent();
        Assert.Equal(model.Count, current.Version);
        Assert.Equal(model[^1] is null, current.Deleted);
        for (var v = 1; v <= model.Count; v++)
        {
            var version = await grain.GetVersion(v);
            Assert.True(JsonNode.DeepEquals(model[v - 1], version.Payload is null ? null : JsonNode.Parse(version.Payload)), $"version {v}");
            Assert.Equal(v, (await grain.GetAsOf(committedAt[v - 1])).Version);
            var diff = await grain.Diff(v, model.Count);
            var patched = JsonPatch.Apply(model[v - 1]?.DeepClone() ?? new JsonObject(), (JsonArray)JsonNode.Parse(diff.Patch)!);
            Assert.True(JsonNode.DeepEquals(model[^1] ?? new JsonObject(), patched), $"diff {v}->{model.Count}");
        }

        Assert.True((await grain.Verify()).IsValid);
    }

    private static ExpectedVersion ToExpected(Expect expect, List<JsonObject?> model) => expect switch
    {
        Expect.Current when model.Count > 0 => ExpectedVersion.Exactly(model.Count),
        Expect.Current => ExpectedVersion.NotExists,
        Expect.Wrong => ExpectedVersion.Exactly(model.Count + 3),
        Expect.NotExists => ExpectedVersion.NotExists,
        _ => ExpectedVersion.Any,
    };

    /// <summary>Applies <paramref name="op"/> to the model; returns the exception type the grain must throw, or null.</summary>
    private static Type? Apply(List<JsonObject?> model, Op op, ExpectedVersion expected)
    {
        var deleted = model.Count > 0 && model[^1] is null;
        if (!expected.IsSatisfiedBy(model.Count, deleted))
        {
            return typeof(ConcurrencyConflictException);
        }

        if (op.Kind == 0)
        {
            model.Add(PutPayload(op.Seed));
            return null;
        }

        if (model.Count == 0)
        {
            return typeof(EntityNotFoundException);
        }

        switch (op.Kind)
        {
            case 1 or 2 when deleted:
                return typeof(EntityDeletedException);
            case 1:
                var merged = (JsonObject)model[^1]!.DeepClone();
                foreach (var (name, value) in PatchDocument(op.Seed))
                {
                    if (value is null)
                    {
                        merged.Remove(name);
                    }
                    else
                    {
                        merged[name] = value.DeepClone();
                    }
                }

                model.Add(merged);
                return null;
            case 2:
                model.Add(null);
                return null;
            default:
                if (op.Target > model.Count)
                {
                    return typeof(EntityNotFoundException);
                }

                if (model[op.Target - 1] is not { } target)
                {
                    return typeof(EntityValidationException);
                }

                model.Add((JsonObject)target.DeepClone());
                return null;
        }
    }

    private static JsonObject PutPayload(int seed) => new() { ["k"] = seed, ["s"] = $"value {seed}", ["list"] = new JsonArray(Enumerable.Range(0, seed % 4).Select(i => (JsonNode?)i).ToArray()) };

    private static JsonObject PatchDocument(int seed) => seed % 3 == 0
        ? new JsonObject { ["k"] = null, ["p"] = seed }
        : new JsonObject { ["p"] = seed, ["nested"] = new JsonObject { ["q"] = seed } };
}
