using System.Text.Json.Nodes;

namespace Ivr.Storage.Json.Tests;

public sealed class JsonMergePatchTests
{
    /// <summary>RFC 7396 Appendix A, every example.</summary>
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"a":1,"e":null}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_Rfc7396AppendixAExample_GivesTheRfcResult(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        Assert.Equal(expected, CanonicalJson.SerializeToString(result));
    }

    [Fact]
    public void Apply_RfcExampleFromSection3_GivesTheRfcResult()
    {
        var target = JsonNode.Parse("""
            { "title": "Goodbye!", "author": { "givenName": "John", "familyName": "Doe" },
              "tags": ["example", "sample"], "content": "This will be unchanged" }
            """);
        var patch = JsonNode.Parse("""
            { "title": "Hello!", "phoneNumber": "+01-123-456-7890", "author": { "familyName": null }, "tags": ["example"] }
            """);

        var result = JsonMergePatch.Apply(target, patch);

        Assert.Equal(
            """{"author":{"givenName":"John"},"content":"This will be unchanged","phoneNumber":"+01-123-456-7890","tags":["example"],"title":"Hello!"}""",
            CanonicalJson.SerializeToString(result));
    }

    [Fact]
    public void Apply_NeverChangesTheTargetOrThePatch()
    {
        var target = JsonNode.Parse("""{"a":{"b":1,"c":[1,2]},"d":true}""");
        var patch = JsonNode.Parse("""{"a":{"b":null,"x":{"y":null,"z":1}},"d":null}""");
        var targetBefore = target!.ToJsonString();
        var patchBefore = patch!.ToJsonString();

        var result = JsonMergePatch.Apply(target, patch);

        Assert.Equal(targetBefore, target.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
        Assert.Equal("""{"a":{"c":[1,2],"x":{"z":1}}}""", CanonicalJson.SerializeToString(result));
    }

    [Fact]
    public void Apply_ResultSharesNoNodesWithTheInputs()
    {
        var target = new JsonObject { ["keep"] = new JsonObject { ["n"] = 1 } };
        var patch = new JsonObject { ["add"] = new JsonArray(1, 2) };

        var result = JsonMergePatch.Apply(target, patch)!.AsObject();
        result["keep"]!["n"] = 99;
        result["add"]!.AsArray().Add(3);

        Assert.Equal(1, target["keep"]!["n"]!.GetValue<int>());
        Assert.Equal(2, patch["add"]!.AsArray().Count);
    }
}
