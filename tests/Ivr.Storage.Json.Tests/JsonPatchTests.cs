using System.Text.Json.Nodes;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Json.Tests;

public sealed class JsonPatchTests
{
    /// <summary>RFC 6902 Appendix A examples that succeed (A.1 to A.10, A.14, A.16).</summary>
    [Theory]
    [InlineData("A.1 add object member", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("A.2 add array element", """{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("A.3 remove object member", """{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("A.4 remove array element", """{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("A.5 replace", """{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("A.6 move value", """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("A.7 move array element", """{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("A.8 test success", """{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("A.10 add nested member", """{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"child":{"grandchild":{}},"foo":"bar"}""")]
    [InlineData("A.11 ignore unrecognized members", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("A.14 ~ escape ordering", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("A.16 add array value", """{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    public void Apply_Rfc6902AppendixAExample_GivesTheRfcResult(string name, string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!.AsArray());

        Assert.True(expected == CanonicalJson.SerializeToString(result), name);
    }

    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":[1]}]""", "[1]")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("null", """[{"op":"add","path":"","value":{}}]""", "{}")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"},{"op":"replace","path":"/c/b","value":2}]""", """{"a":{"b":1},"c":{"b":2}}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"move","from":"/a/0","path":"/a/-"}]""", """{"a":[2,3,1]}""")]
    [InlineData("""{"a":1}""", """[{"op":"move","from":"/a","path":"/a"}]""", """{"a":1}""")]
    [InlineData("""{"a":null}""", """[{"op":"test","path":"/a","value":null},{"op":"replace","path":"/a","value":0}]""", """{"a":0}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a","value":2}]""", """{"a":2}""")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/1","value":2}]""", """{"a":[1,2]}""")]
    [InlineData("""{"":1,"a/b":{"m~n":2}}""", """[{"op":"replace","path":"/","value":3},{"op":"remove","path":"/a~1b/m~0n"}]""", """{"":3,"a/b":{}}""")]
    [InlineData("""{"n":1}""", """[{"op":"test","path":"/n","value":1.0}]""", """{"n":1}""")]
    [InlineData("""{"a":1}""", "[]", """{"a":1}""")]
    public void Apply_EdgeCases_FollowRfc6902(string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!.AsArray());

        Assert.Equal(expected, CanonicalJson.SerializeToString(result));
    }

    [Fact]
    public void Apply_NeverChangesTheDocumentOrThePatch()
    {
        var document = JsonNode.Parse("""{"a":{"b":[1,2]}}""");
        var patch = JsonNode.Parse("""[{"op":"add","path":"/a/c","value":{"d":1}},{"op":"remove","path":"/a/b/0"}]""")!.AsArray();
        var documentBefore = document!.ToJsonString();
        var patchBefore = patch.ToJsonString();

        var result = JsonPatch.Apply(document, patch);
        result!["a"]!["c"]!["d"] = 2;

        Assert.Equal(documentBefore, document.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
    }
}
