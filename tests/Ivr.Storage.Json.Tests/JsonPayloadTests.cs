using System.Text;

namespace Ivr.Storage.Json.Tests;

public sealed class JsonPayloadTests
{
    [Fact]
    public void ParseObject_ValidObject_ReturnsCanonicalTextAndItsUtf8Bytes()
    {
        var payload = JsonPayload.ParseObject("""{ "name": "Zoë", "age": 42.0, "tags": ["a", "b"] }""");

        Assert.Equal("""{"age":42,"name":"Zoë","tags":["a","b"]}""", payload.Json);
        Assert.Equal(Encoding.UTF8.GetBytes(payload.Json), payload.Utf8.ToArray());
        Assert.Equal(payload.Utf8.Length, payload.ByteCount);
        Assert.Equal(payload.Json, payload.ToString());
    }

    [Fact]
    public void ParseObject_TextAndUtf8Overloads_AgreeByteForByte()
    {
        const string json = """{"b":"\u00e9\n","a":[1e2,true,null]}""";

        var fromText = JsonPayload.ParseObject(json);
        var fromBytes = JsonPayload.ParseObject(Encoding.UTF8.GetBytes(json));

        Assert.Equal(fromText.Utf8.ToArray(), fromBytes.Utf8.ToArray());
        Assert.Equal("{\"a\":[100,true,null],\"b\":\"é\\n\"}", fromBytes.Json);
    }

    [Fact]
    public void ParseObject_EmptyObject_IsAccepted()
    {
        Assert.Equal("{}", JsonPayload.ParseObject("  {  }  ").Json);
    }

    [Fact]
    public void ParseObject_ExactlyMaxBytes_IsAccepted()
    {
        var limits = new JsonPayloadLimits { MaxBytes = 20 };
        var json = "{\"a\":\"" + new string('x', 12) + "\"}"; // 20 bytes

        Assert.Equal(20, JsonPayload.ParseObject(json, limits).ByteCount);
    }

    [Fact]
    public void ParseObject_ExactlyMaxDepth_IsAccepted()
    {
        var json = Nest(JsonPayloadLimits.DefaultMaxDepth);

        var payload = JsonPayload.ParseObject(json);

        Assert.Equal(json, payload.Json);
    }

    [Fact]
    public void ParseObject_CustomDepthLimit_CountsTheRootObjectAsLevelOne()
    {
        var limits = new JsonPayloadLimits { MaxDepth = 2 };

        Assert.Equal("""{"a":{"b":1}}""", JsonPayload.ParseObject("""{"a":{"b":1}}""", limits).Json);
        Assert.Equal("""{"a":[1,2]}""", JsonPayload.ParseObject("""{"a":[1,2]}""", limits).Json);
    }

    [Fact]
    public void ParseObject_ToJsonObject_ReturnsAnIndependentCopy()
    {
        var payload = JsonPayload.ParseObject("""{"a":1}""");

        var copy = payload.ToJsonObject();
        copy["a"] = 2;

        Assert.Equal("""{"a":1}""", payload.Json);
        Assert.Equal(1, payload.ToJsonObject()["a"]!.GetValue<int>());
    }

    [Fact]
    public void ParseMergePatch_ObjectWithNulls_KeepsTheNullsThatMeanRemove()
    {
        var patch = JsonPayload.ParseMergePatch("""{ "b": null, "a": { "c": null } }""");

        Assert.Equal("""{"a":{"c":null},"b":null}""", patch.Json);
    }

    [Fact]
    public void FromObject_MergedResult_IsCanonicalAndChecked()
    {
        var target = JsonPayload.ParseObject("""{"b":1,"a":{"x":true}}""").ToJsonObject();
        var merged = JsonMergePatch.Apply(target, System.Text.Json.Nodes.JsonNode.Parse("""{"a":{"y":0.50},"b":null}"""));

        var payload = JsonPayload.FromObject(merged!.AsObject());

        Assert.Equal("""{"a":{"x":true,"y":0.5}}""", payload.Json);
    }

    [Fact]
    public void JsonPayloadLimits_Defaults_AreOneMebibyteAndSixtyFourLevels()
    {
        Assert.Equal(1_048_576, JsonPayloadLimits.Default.MaxBytes);
        Assert.Equal(64, JsonPayloadLimits.Default.MaxDepth);
        Assert.Equal(JsonPayloadLimits.Default, new JsonPayloadLimits());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void JsonPayloadLimits_NonPositiveMaxBytes_IsRejected(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonPayloadLimits { MaxBytes = value });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void JsonPayloadLimits_MaxDepthOutsideOneToThousand_IsRejected(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonPayloadLimits { MaxDepth = value });
    }

    /// <summary><c>{"a":{"a":…{}…}}</c> with <paramref name="levels"/> objects in total.</summary>
    internal static string Nest(int levels)
    {
        var builder = new StringBuilder();
        for (var i = 1; i < levels; i++)
        {
            builder.Append("{\"a\":");
        }

        builder.Append("{}");
        builder.Append('}', levels - 1);
        return builder.ToString();
    }
}
