using System.Text.Json.Nodes;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Json.Tests;

public sealed class JsonPatchDiffTests
{
    [Theory]
    [InlineData("""{"a":1}""", """{"a":1}""", "[]")]
    [InlineData("""{"a":1}""", """{"a":2}""", """[{"op":"replace","path":"/a","value":2}]""")]
    [InlineData("""{"a":1}""", """{}""", """[{"op":"remove","path":"/a"}]""")]
    [InlineData("""{}""", """{"a":{"b":[1]}}""", """[{"op":"add","path":"/a","value":{"b":[1]}}]""")]
    [InlineData("""{"a":1}""", """[1]""", """[{"op":"replace","path":"","value":[1]}]""")]
    [InlineData("null", """{"a":1}""", """[{"op":"replace","path":"","value":{"a":1}}]""")]
    [InlineData("""{"a":1}""", """{"a":null}""", """[{"op":"replace","path":"/a","value":null}]""")]
    [InlineData("""{"a/b":1,"m~n":1}""", """{"a/b":2,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":2},{"op":"replace","path":"/m~0n","value":2}]""")]
    [InlineData("""[1,2,3,4]""", """[1,9]""", """[{"op":"replace","path":"/1","value":9},{"op":"remove","path":"/3"},{"op":"remove","path":"/2"}]""")]
    [InlineData("""[1]""", """[1,2,3]""", """[{"op":"add","path":"/1","value":2},{"op":"add","path":"/2","value":3}]""")]
    [InlineData("""{"x":[{"a":1}]}""", """{"x":[{"a":1,"b":2}]}""", """[{"op":"add","path":"/x/0/b","value":2}]""")]
    public void Create_TwoDocuments_GivesTheExpectedOperations(string from, string to, string expected)
    {
        var patch = JsonPatchDiff.Create(JsonNode.Parse(from), JsonNode.Parse(to));

        Assert.Equal(expected, patch.ToJsonString());
    }

    [Fact]
    public void Create_ThenApply_TurnsFromIntoTo()
    {
        var from = JsonNode.Parse("""{"keep":1,"drop":[1,2],"list":[1,2,3],"deep":{"x":{"y":1}},"weird~/key":true}""");
        var to = JsonNode.Parse("""{"keep":1,"list":[3],"deep":{"x":{"y":2,"z":[]}},"weird~/key":false,"new":null}""");

        var result = JsonPatch.Apply(from, JsonPatchDiff.Create(from, to));

        Assert.True(JsonNode.DeepEquals(to, result));
    }

    [Fact]
    public void Create_PatchValues_AreCopiesNotTheTargetsNodes()
    {
        var to = new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } };

        var patch = JsonPatchDiff.Create(new JsonObject(), to);
        patch[0]!["value"]!["b"] = 2;

        Assert.Equal(1, to["a"]!["b"]!.GetValue<int>());
    }
}
