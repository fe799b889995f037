using System.Text.Json.Nodes;

namespace Ivr.Storage.Json.Tests;

/// <summary>Inputs that have no canonical form are rejected with a code and a message that says where.</summary>
public sealed class CanonicalJsonErrorTests
{
    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("{\"a\":[1,1.8e308]}")]
    public void Canonicalize_NumberBeyondDoubleRange_IsInvalidPayloadNamingTheNumber(string input)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Canonicalize(input));

        Assert.Contains("e", ex.Message, StringComparison.Ordinal);
        Assert.Contains("outside the range of an IEEE-754 double", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_NumberBeyondDoubleRange_MessageQuotesTheNumberAndItsLocation()
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Canonicalize("""{"a":{"b":[0,1e400]}}"""));

        Assert.Contains("1e400", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/a/b/1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "\"a\"")]
    [InlineData("""{"a":1,"\u0061":2}""", "\"a\"")]
    [InlineData("""{"x":{"k":1,"b":2,"k":3}}""", "/x")]
    public void Canonicalize_DuplicateMemberNames_AreInvalidPayload(string input, string expectedInMessage)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Canonicalize(input));

        Assert.Contains(expectedInMessage, ex.Message, StringComparison.Ordinal);
        Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ParsedJsonObjectWithDuplicateNames_IsInvalidPayload()
    {
        var node = JsonNode.Parse("""{"a":1,"a":2}""");

        ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Serialize(node));
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"a\\ud800b\"")]
    [InlineData("\"\\ude00\\ud83d\"")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("[\"ok\",\"\\ud83d\"]")]
    public void Canonicalize_LoneSurrogateEscapes_AreInvalidPayload(string input)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Canonicalize(input));

        Assert.Contains("unpaired UTF-16 surrogate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_NodeStringWithLoneSurrogate_IsInvalidPayloadNamingTheLocation()
    {
        var node = new JsonObject { ["k"] = new JsonArray("fine", "bad\udc00") };

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Serialize(node));

        Assert.Contains("\\udc00", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/k/1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_MemberNameWithLoneSurrogate_IsInvalidPayloadAndTheMessageIsValidUnicode()
    {
        var node = new JsonObject { ["k\ud800"] = 1 };

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Serialize(node));

        Assert.Contains("/k\\ud800", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ex.Message, char.IsSurrogate);
    }

    [Fact]
    public void Serialize_NodeHoldingNaN_IsInvalidPayload()
    {
        var node = new JsonObject { ["x"] = double.NaN, };

        ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Serialize(node));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1 2]")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":NaN}")]
    [InlineData("{\"a\":1} // comment")]
    [InlineData("{\"a\":\"tab\tinside\"}")]
    [InlineData("{} {}")]
    public void Canonicalize_TextThatIsNotJson_IsMalformedJson(string input)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "payload", () => CanonicalJson.Canonicalize(input));

        Assert.StartsWith("The payload is not well-formed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_MalformedJson_ReportsOneBasedLineAndByte()
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "payload", () => CanonicalJson.Canonicalize("{\n  \"a\": tru\n}"));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xFF, (byte)'"' })]
    [InlineData(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' })]
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' })] // a surrogate encoded as UTF-8 (CESU)
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xE2, 0x82, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    public void Canonicalize_InvalidUtf8Bytes_AreMalformedJson(byte[] input)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "payload", () => CanonicalJson.Canonicalize(input));

        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_StringWithLoneSurrogateCharacter_IsMalformedJson()
    {
        // Not an escape: the C# string itself is not valid UTF-16, so it is not JSON text at all.
        ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "payload", () => CanonicalJson.Canonicalize("{\"a\":\"\ud800\"}"));
    }

    [Fact]
    public void Canonicalize_DeeperThanMaxSupportedDepth_IsInvalidPayload()
    {
        var depth = JsonPayloadLimits.MaxSupportedDepth + 1;
        var input = new string('[', depth) + new string(']', depth);

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => CanonicalJson.Canonicalize(input));

        Assert.Contains("1000 levels", ex.Message, StringComparison.Ordinal);
    }
}
