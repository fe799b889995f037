using System.Text.Json.Nodes;
using CsCheck;

namespace Ivr.Storage.Json.Tests.Properties;

public sealed class JsonMergePatchProperties
{
    [Fact]
    public void Apply_EmptyPatchToAnObject_ChangesNothing()
    {
        JsonGen.Object(4).Sample(target =>
        {
            Assert.True(JsonNode.DeepEquals(target, JsonMergePatch.Apply(target, new JsonObject())));
        }, iter: 300, print: JsonGen.Print);
    }

    [Fact]
    public void Apply_SamePatchTwice_EqualsApplyingItOnce()
    {
        Gen.Select(JsonGen.Node(3), JsonGen.Node(3)).Sample((target, patch) =>
        {
            var once = JsonMergePatch.Apply(target, patch);
            var twice = JsonMergePatch.Apply(once, patch);

            Assert.True(JsonNode.DeepEquals(once, twice));
        }, iter: 500, print: p => $"target {JsonGen.Print(p.Item1)} patch {JsonGen.Print(p.Item2)}");
    }

    [Fact]
    public void Apply_NullMember_RemovesItAndKeepsTheOthers()
    {
        Gen.Select(JsonGen.Object(3), JsonGen.Key).Sample((target, key) =>
        {
            var result = JsonMergePatch.Apply(target, new JsonObject { [key] = null })!.AsObject();

            Assert.False(result.ContainsKey(key));
            var expected = target!.DeepClone().AsObject();
            expected.Remove(key);
            Assert.True(JsonNode.DeepEquals(expected, result));
        }, iter: 300, print: p => $"target {JsonGen.Print(p.Item1)} key {p.Item2}");
    }

    [Fact]
    public void Apply_ObjectPatch_SetsEveryNonNullScalarMember()
    {
        Gen.Select(JsonGen.Node(3), JsonGen.Object(2)).Sample((target, patch) =>
        {
            var result = JsonMergePatch.Apply(target, patch)!.AsObject();

            foreach (var (name, value) in patch!.AsObject())
            {
                if (value is JsonValue)
                {
                    Assert.True(JsonNode.DeepEquals(value, result[name]));
                }
                else if (value is null)
                {
                    Assert.False(result.ContainsKey(name));
                }
            }
        }, iter: 300, print: p => $"target {JsonGen.Print(p.Item1)} patch {JsonGen.Print(p.Item2)}");
    }

    [Fact]
    public void Apply_NeverChangesItsInputs()
    {
        Gen.Select(JsonGen.Node(3), JsonGen.Node(3)).Sample((target, patch) =>
        {
            var targetBefore = CanonicalJson.Serialize(target);
            var patchBefore = CanonicalJson.Serialize(patch);

            _ = JsonMergePatch.Apply(target, patch);

            Assert.Equal(targetBefore, CanonicalJson.Serialize(target));
            Assert.Equal(patchBefore, CanonicalJson.Serialize(patch));
        }, iter: 300, print: p => $"target {JsonGen.Print(p.Item1)} patch {JsonGen.Print(p.Item2)}");
    }
}
