using System.Text.Json.Nodes;
using CsCheck;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Json.Tests.Properties;

public sealed class JsonPatchProperties
{
    [Fact]
    public void Apply_OfTheDiff_TurnsFromIntoTo()
    {
        Gen.Select(JsonGen.Object(4), JsonGen.Object(4)).Sample((from, to) =>
        {
            var patch = JsonPatchDiff.Create(from, to);

            Assert.True(JsonNode.DeepEquals(to, JsonPatch.Apply(from, patch)));
        }, iter: 500, print: p => $"from {JsonGen.Print(p.Item1)} to {JsonGen.Print(p.Item2)}");
    }

    /// <summary>Independent random trees share little; a merge-patched copy shares most of its structure with the original.</summary>
    [Fact]
    public void Apply_OfTheDiffToAnEditedCopy_TurnsFromIntoTo()
    {
        Gen.Select(JsonGen.Object(4), JsonGen.Object(3)).Sample((from, edit) =>
        {
            var to = JsonMergePatch.Apply(from, edit);

            Assert.True(JsonNode.DeepEquals(to, JsonPatch.Apply(from, JsonPatchDiff.Create(from, to))));
        }, iter: 500, print: p => $"from {JsonGen.Print(p.Item1)} edit {JsonGen.Print(p.Item2)}");
    }

    [Fact]
    public void Apply_OfTheDiffBetweenAnyValues_TurnsFromIntoTo()
    {
        Gen.Select(JsonGen.Node(3), JsonGen.Node(3)).Sample((from, to) =>
        {
            var patch = JsonPatchDiff.Create(from, to);

            Assert.True(JsonNode.DeepEquals(to, JsonPatch.Apply(from, patch)));
        }, iter: 300, print: p => $"from {JsonGen.Print(p.Item1)} to {JsonGen.Print(p.Item2)}");
    }

    [Fact]
    public void Diff_SurvivesSerialization_AndStillApplies()
    {
        Gen.Select(JsonGen.Object(3), JsonGen.Object(3)).Sample((from, to) =>
        {
            var text = JsonPatchDiff.Create(from, to).ToJsonString();

            var result = JsonPatch.Apply(JsonNode.Parse(from!.ToJsonString()), JsonNode.Parse(text)!.AsArray());

            Assert.Equal(CanonicalJson.Serialize(to), CanonicalJson.Serialize(result));
        }, iter: 300, print: p => $"from {JsonGen.Print(p.Item1)} to {JsonGen.Print(p.Item2)}");
    }

    [Fact]
    public void Diff_OfADocumentWithItself_IsEmpty()
    {
        JsonGen.Node(4).Sample(node =>
        {
            Assert.Empty(JsonPatchDiff.Create(node, node?.DeepClone()));
        }, iter: 300, print: JsonGen.Print);
    }
}
