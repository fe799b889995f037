using System.Text;
using System.Text.Json.Nodes;

namespace Ivr.Storage.Json.Tests;

/// <summary>Documents that are legal but easy to get wrong: equal meanings must give equal bytes.</summary>
public sealed class CanonicalJsonAwkwardDocumentTests
{
    [Theory]
    [InlineData("1", "1.0", "1.00", "1e0", "10e-1", "0.1e1", "1E+0")]
    [InlineData("0", "-0", "0.0", "-0.0", "0e10", "-0e-10", "1e-400")]
    [InlineData("100", "1e2", "1E2", "100.000", "0.001e5")]
    [InlineData("9007199254740992", "9007199254740993", "9007199254740992.4")]
    public void Canonicalize_NumbersWithTheSameDoubleValue_GiveTheSameText(string expected, params string[] spellings)
    {
        foreach (var spelling in spellings)
        {
            Assert.Equal(expected, CanonicalJson.Canonicalize(spelling));
        }
    }

    [Fact]
    public void Canonicalize_HugeButFiniteNumbers_AreKept()
    {
        Assert.Equal("1.7976931348623157e+308", CanonicalJson.Canonicalize("1.7976931348623157e308"));
        Assert.Equal("1e+300", CanonicalJson.Canonicalize("1" + new string('0', 300)));
        Assert.Equal("123456789012345680000", CanonicalJson.Canonicalize("123456789012345678901"));
    }

    [Fact]
    public void Canonicalize_NestingAtMaxSupportedDepth_IsAccepted()
    {
        var depth = JsonPayloadLimits.MaxSupportedDepth;
        var input = new string('[', depth) + new string(']', depth);

        Assert.Equal(input, CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Canonicalize_UnicodeEscapesAndLiteralCharacters_GiveTheSameBytes()
    {
        var escaped = CanonicalJson.Canonicalize("""{"caf\u00e9":"\u20ac \ud83d\ude00 \u0041"}"""u8.ToArray());
        var literal = CanonicalJson.Canonicalize("""{"café":"€ 😀 A"}"""u8.ToArray());

        Assert.Equal(literal, escaped);
        Assert.Equal("""{"café":"€ 😀 A"}""", Encoding.UTF8.GetString(literal));
    }

    [Fact]
    public void Canonicalize_EmojiKeys_SortByUtf16NotByCodePoint()
    {
        // U+1F600 is D83D DE00 in UTF-16, which sorts before U+E000 even though its code point is larger.
        var canonical = CanonicalJson.Canonicalize("""{"\ue000":1,"😀":2,"z":3,"\uffff":4}""");

        Assert.Equal("{\"z\":3,\"😀\":2,\"\ue000\":1,\"\uffff\":4}", canonical);
    }

    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("[]", "[]")]
    [InlineData("{ }", "{}")]
    [InlineData("[ ]", "[]")]
    [InlineData("{\"a\":{},\"b\":[],\"c\":[{}],\"d\":[[]]}", "{\"a\":{},\"b\":[],\"c\":[{}],\"d\":[[]]}")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("{\"\":\"\"}", "{\"\":\"\"}")]
    public void Canonicalize_EmptyContainersAndStrings_StayEmpty(string input, string expected)
    {
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Theory]
    [InlineData("{\"a\":[1,2],\"b\":true}")]
    [InlineData("  {  \"b\" : true ,\n\t\"a\" : [ 1 , 2 ] }  ")]
    [InlineData("{\r\n  \"a\": [\r\n    1,\r\n    2\r\n  ],\r\n  \"b\": true\r\n}\r\n")]
    [InlineData("\uFEFF{\"b\":true,\"a\":[1,2]}")]
    public void Canonicalize_WhitespaceAndByteOrderMarkVariants_GiveTheSameText(string input)
    {
        Assert.Equal("{\"a\":[1,2],\"b\":true}", CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Canonicalize_LongStringsWithEscapesAndEmoji_RoundTripThroughTheSlowPath()
    {
        var value = string.Concat(Enumerable.Repeat("ab\"c\\d\u0001😀é\n", 200));
        var input = JsonSerializer.Serialize(value); // System.Text.Json escapes non-ASCII as \uXXXX

        var canonical = CanonicalJson.Canonicalize(input);

        Assert.Equal(value, JsonSerializer.Deserialize<string>(canonical));
        Assert.DoesNotContain("\\u00e9", canonical, StringComparison.Ordinal);
        Assert.Contains("\\u0001", canonical, StringComparison.Ordinal);
    }

    /// <summary>JCS models every number as an IEEE-754 double, so a long beyond 2^53 is rounded like ECMAScript would.</summary>
    [Fact]
    public void Serialize_NodesHoldingClrValues_WriteTheirJsonFormWithNumbersAsDoubles()
    {
        var node = new JsonObject
        {
            ["int"] = 42,
            ["long"] = long.MaxValue,
            ["decimal"] = 1.50m,
            ["float"] = 0.5f,
            ["double"] = 0.1,
            ["char"] = 'x',
            ["bool"] = false,
            ["guid"] = Guid.Empty,
            ["null"] = null,
        };

        var canonical = CanonicalJson.SerializeToString(node);

        Assert.Equal(
            """{"bool":false,"char":"x","decimal":1.5,"double":0.1,"float":0.5,"guid":"00000000-0000-0000-0000-000000000000","int":42,"long":9223372036854776000,"null":null}""",
            canonical);
    }

    [Fact]
    public void Serialize_NullNode_IsJsonNull()
    {
        Assert.Equal("null", CanonicalJson.SerializeToString((JsonNode?)null));
    }
}
