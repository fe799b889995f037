using System.Text.Json.Nodes;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Json.Tests;

/// <summary>
/// A patch that is not a valid JSON Patch is InvalidPayload; a valid patch that does not fit the document is
/// InvalidOperation. Either way the message names the operation.
/// </summary>
public sealed class JsonPatchErrorTests
{
    [Theory]
    [InlineData("A.9 test failure", """{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"bar"}]""")]
    [InlineData("A.12 add to a nonexistent target", """{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""")]
    [InlineData("A.15 string is not a number", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""")]
    [InlineData("remove missing member", """{"a":1}""", """[{"op":"remove","path":"/b"}]""")]
    [InlineData("replace missing member", """{"a":1}""", """[{"op":"replace","path":"/b","value":1}]""")]
    [InlineData("remove past the end", """{"a":[1]}""", """[{"op":"remove","path":"/a/1"}]""")]
    [InlineData("insert past the end", """{"a":[1]}""", """[{"op":"add","path":"/a/2","value":1}]""")]
    [InlineData("leading zero index", """{"a":[1,2]}""", """[{"op":"remove","path":"/a/01"}]""")]
    [InlineData("non-numeric index", """{"a":[1,2]}""", """[{"op":"replace","path":"/a/x","value":1}]""")]
    [InlineData("'-' is only for add", """{"a":[1,2]}""", """[{"op":"remove","path":"/a/-"}]""")]
    [InlineData("descend into a scalar", """{"a":"text"}""", """[{"op":"add","path":"/a/b","value":1}]""")]
    [InlineData("move into own child", """{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""")]
    [InlineData("move from missing", """{"a":1}""", """[{"op":"move","from":"/x","path":"/y"}]""")]
    [InlineData("copy from missing", """{"a":1}""", """[{"op":"copy","from":"/x","path":"/y"}]""")]
    [InlineData("remove the root", """{"a":1}""", """[{"op":"remove","path":""}]""")]
    [InlineData("test a missing value", """{"a":1}""", """[{"op":"test","path":"/b","value":null}]""")]
    public void Apply_PatchThatDoesNotFitTheDocument_IsInvalidOperation(string name, string document, string patch)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidOperation, "patch",
            () => JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!.AsArray()));

        Assert.True(ex.Message.StartsWith("Operation 0 (", StringComparison.Ordinal), $"{name}: {ex.Message}");
    }

    [Theory]
    [InlineData("""[{"op":"foo","path":"/a"}]""", "op \"foo\"")]
    [InlineData("""[{"path":"/a","value":1}]""", "\"op\"")]
    [InlineData("""[{"op":"add","value":1}]""", "\"path\"")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "\"value\"")]
    [InlineData("""[{"op":"replace","path":"/a"}]""", "\"value\"")]
    [InlineData("""[{"op":"test","path":"/a"}]""", "\"value\"")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "\"from\"")]
    [InlineData("""[{"op":"copy","path":"/a","from":7}]""", "\"from\"")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""", "JSON Pointer")]
    [InlineData("""[{"op":"add","path":"/a~2","value":1}]""", "JSON Pointer")]
    [InlineData("""[{"op":"add","path":"/a~","value":1}]""", "JSON Pointer")]
    [InlineData("""[{"op":"add","path":1,"value":1}]""", "\"path\"")]
    [InlineData("""["add"]""", "not a JSON object")]
    [InlineData("""[null]""", "not a JSON object")]
    public void Apply_InvalidPatchDocument_IsInvalidPayload(string patch, string expectedInMessage)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "patch",
            () => JsonPatch.Apply(JsonNode.Parse("""{"a":1}"""), JsonNode.Parse(patch)!.AsArray()));

        Assert.Contains(expectedInMessage, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Operation 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FailingLaterOperation_NamesItsIndexAndLeavesTheDocumentUntouched()
    {
        var document = JsonNode.Parse("""{"a":1}""");
        var patch = JsonNode.Parse("""[{"op":"replace","path":"/a","value":2},{"op":"remove","path":"/missing"}]""")!.AsArray();

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidOperation, "patch", () => JsonPatch.Apply(document, patch));

        Assert.Equal("Operation 1 (remove /missing) of the patch cannot be applied: /missing does not exist.", ex.Message);
        Assert.Equal("""{"a":1}""", document!.ToJsonString());
    }

    [Fact]
    public void Apply_FailedTest_SaysWhatTheValueWas()
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidOperation, "patch",
            () => JsonPatch.Apply(JsonNode.Parse("""{"baz":"qux"}"""), JsonNode.Parse("""[{"op":"test","path":"/baz","value":"bar"}]""")!.AsArray()));

        Assert.Equal("Operation 0 (test /baz) of the patch cannot be applied: test failed: the value is \"qux\", not \"bar\".", ex.Message);
    }
}
