using System.Text;
using System.Text.Json.Nodes;

namespace Ivr.Storage.Json.Tests;

/// <summary>Every way a payload or merge patch is rejected, with its code, field and message.</summary>
public sealed class JsonPayloadErrorTests
{
    [Fact]
    public void ParseObject_OneByteOverTheLimit_IsPayloadTooLargeSayingSizeAndLimit()
    {
        var limits = new JsonPayloadLimits { MaxBytes = 20 };
        var json = "{\"a\":\"" + new string('x', 13) + "\"}"; // 21 bytes

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.PayloadTooLarge, "payload", () => JsonPayload.ParseObject(json, limits));

        Assert.Equal("The payload is 21 bytes of UTF-8; the limit is 20 bytes.", ex.Message);
    }

    [Fact]
    public void ParseObject_OverDefaultLimit_IsPayloadTooLarge()
    {
        var json = "{\"a\":\"" + new string('x', JsonPayloadLimits.DefaultMaxBytes) + "\"}";

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.PayloadTooLarge, "payload", () => JsonPayload.ParseObject(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("1,048,584 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1,048,576 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_SizeIsCountedInUtf8BytesNotCharacters()
    {
        var limits = new JsonPayloadLimits { MaxBytes = 12 };

        // 10 characters but 12 bytes, since "€" is 3 bytes in UTF-8: fits. One more "€" (14 bytes) does not.
        Assert.Equal(11, JsonPayload.ParseObject("{\"a\":\"€\"} ", limits).ByteCount);
        ValidationAssert.Throws(JsonPayloadErrorCode.PayloadTooLarge, "payload", () => JsonPayload.ParseObject("{\"a\":\"€€\"}", limits));
    }

    [Fact]
    public void ParseObject_CanonicalFormOverTheLimit_IsPayloadTooLarge()
    {
        // "1e20" is 4 bytes but its canonical form has 21 digits.
        var limits = new JsonPayloadLimits { MaxBytes = 15 };

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.PayloadTooLarge, "payload", () => JsonPayload.ParseObject("{\"a\":1e20}", limits));

        Assert.Contains("canonical form", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_OneLevelDeeperThanTheLimit_IsInvalidPayload()
    {
        var json = JsonPayloadTests.Nest(JsonPayloadLimits.DefaultMaxDepth + 1);

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => JsonPayload.ParseObject(json));

        Assert.Contains("more than 64 levels deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_FarDeeperThanTheLimit_IsStillInvalidPayloadNotMalformed()
    {
        var json = new string('[', 5000);
        json = "{\"a\":" + json;

        ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => JsonPayload.ParseObject(json));
    }

    [Fact]
    public void ParseObject_SyntaxErrorBeforeTheDepthLimit_IsMalformedJson()
    {
        ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "payload", () => JsonPayload.ParseObject("{\"a\":[1,,2]}"));
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("[{\"a\":1}]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("true", "a boolean")]
    [InlineData("null", "null")]
    public void ParseObject_NonObjectRoot_IsInvalidPayloadNamingWhatItIs(string json, string kind)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => JsonPayload.ParseObject(json));

        Assert.Equal($"The payload must be a JSON object, but it is {kind}.", ex.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"replace me\"")]
    public void ParseMergePatch_NonObjectRoot_IsInvalidPayloadExplainingTheRfc7396Difference(string json)
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "patch", () => JsonPayload.ParseMergePatch(json));

        Assert.StartsWith("The patch must be a JSON object", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RFC 7396", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{a:1}")]
    public void ParseObject_MalformedText_IsMalformedJson(string json)
    {
        ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "payload", () => JsonPayload.ParseObject(json));
    }

    [Fact]
    public void ParseMergePatch_MalformedText_IsMalformedJsonOnThePatchField()
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "patch", () => JsonPayload.ParseMergePatch("{\"a\":"u8.ToArray()));

        Assert.StartsWith("The patch is not well-formed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_InvalidUtf8_IsMalformedJson()
    {
        byte[] json = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC0, 0xAF, (byte)'"', (byte)'}'];

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "payload", () => JsonPayload.ParseObject(json));

        Assert.Contains("/a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_StringWithUnpairedSurrogateCharacter_IsMalformedJson()
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.MalformedJson, "payload", () => JsonPayload.ParseObject("{\"a\":\"x\udc00\"}"));

        Assert.Contains("character 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_EscapedLoneSurrogate_IsInvalidPayload()
    {
        ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => JsonPayload.ParseObject("{\"a\":\"\\ud800\"}"));
    }

    [Fact]
    public void ParseObject_DuplicateMembers_IsInvalidPayload()
    {
        ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => JsonPayload.ParseObject("{\"a\":1,\"b\":2,\"a\":1}"));
    }

    [Fact]
    public void ParseMergePatch_NumberOutOfRange_IsInvalidPayloadOnThePatchField()
    {
        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "patch", () => JsonPayload.ParseMergePatch("{\"n\":1e400}"));

        Assert.Contains("1e400", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromObject_TooDeep_IsInvalidPayload()
    {
        var limits = new JsonPayloadLimits { MaxDepth = 3 };
        var value = new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray(new JsonArray()) } };

        var ex = ValidationAssert.Throws(JsonPayloadErrorCode.InvalidPayload, "payload", () => JsonPayload.FromObject(value, limits));

        Assert.Contains("/a/b/0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromObject_TooLarge_IsPayloadTooLarge()
    {
        var limits = new JsonPayloadLimits { MaxBytes = 10 };
        var value = new JsonObject { ["a"] = "0123456789" };

        ValidationAssert.Throws(JsonPayloadErrorCode.PayloadTooLarge, "payload", () => JsonPayload.FromObject(value, limits));
    }
}
