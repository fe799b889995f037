using System.Text;
using System.Text.Json.Nodes;

namespace Ivr.Storage.Json.Tests;

/// <summary>The examples of RFC 8785 itself.</summary>
public sealed class CanonicalJsonRfc8785Tests
{
    /// <summary>RFC 8785 section 3.2.2: numbers, string escapes and literals.</summary>
    [Fact]
    public void Canonicalize_Section3_2_2Example_ProducesTheRfcOutput()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        var canonical = CanonicalJson.Canonicalize(input);

        Assert.Equal("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""", canonical);
    }

    /// <summary>RFC 8785 section 3.2.3: members are sorted by UTF-16 code units, so U+1F600 (D83D DE00) sorts before U+FB33.</summary>
    [Fact]
    public void Canonicalize_Section3_2_3Example_SortsMembersByUtf16CodeUnits()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var canonical = CanonicalJson.Canonicalize(input);

        Assert.Equal(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            canonical);
    }

    /// <summary>RFC 8785 section 3.2.4: the UTF-8 bytes of the section 3.2.2 example's string member.</summary>
    [Fact]
    public void Canonicalize_Section3_2_4Example_HasTheRfcUtf8Bytes()
    {
        var canonical = CanonicalJson.Canonicalize("""{"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"}"""u8.ToArray());

        byte[] expected =
        [
            0x7b, 0x22, 0x73, 0x74, 0x72, 0x69, 0x6e, 0x67, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0xac, 0x24, 0x5c,
            0x75, 0x30, 0x30, 0x30, 0x66, 0x5c, 0x6e, 0x41, 0x27, 0x42, 0x5c, 0x22, 0x5c, 0x5c, 0x5c, 0x5c,
            0x5c, 0x22, 0x2f, 0x22, 0x7d,
        ];
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("\"\\u0008\\u0009\\u000a\\u000c\\u000d\"", "\"\\b\\t\\n\\f\\r\"")]
    [InlineData("\"\\u0000\\u0001\\u001f\"", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\"\\u001F\\u000B\"", "\"\\u001f\\u000b\"")]
    [InlineData("\"\\\"\\\\\"", "\"\\\"\\\\\"")]
    [InlineData("\"\\/\"", "\"/\"")]
    [InlineData("\"\\u007f\\u0080\\u2028\\u2029\"", "\"\u007f\u0080\u2028\u2029\"")]
    [InlineData("\"<>&'\"", "\"<>&'\"")]
    [InlineData("\"\\u00e9\"", "\"é\"")]
    [InlineData("\"\\uD83D\\uDE00\"", "\"😀\"")]
    [InlineData("\"\\uFFFF\"", "\"\uffff\"")]
    public void Canonicalize_Strings_UseOnlyTheMandatoryEscapesAndLowerCaseHex(string input, string expected)
    {
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void Serialize_NodeStringWithControlCharacters_EscapesThemLikeParsedText()
    {
        var node = new JsonObject { ["s"] = "tab\there\u0001\u001f \"q\" back\\slash é 😀" };

        var canonical = CanonicalJson.SerializeToString(node);

        Assert.Equal("{\"s\":\"tab\\there\\u0001\\u001f \\\"q\\\" back\\\\slash é 😀\"}", canonical);
    }

    [Fact]
    public void Canonicalize_NestedObjectsAndArrays_SortsEveryLevelAndKeepsArrayOrder()
    {
        const string input = """
            { "b": [ {"z": 1, "a": [3, 2, 1]}, {"y": {"d": null, "c": true}} ],
              "a": { "c": { "f": 1, "e": 2 }, "b": [] } }
            """;

        var canonical = CanonicalJson.Canonicalize(input);

        Assert.Equal("""{"a":{"b":[],"c":{"e":2,"f":1}},"b":[{"a":[3,2,1],"z":1},{"y":{"c":true,"d":null}}]}""", canonical);
    }

    [Fact]
    public void Serialize_JsonElementAndJsonNodeOfTheSameDocument_GiveTheSameBytes()
    {
        const string input = """{"é":[1.50,{"b":"\u0041","a":-0}],"\ud83d\ude00":1e3}""";
        using var document = JsonDocument.Parse(input);

        var fromElement = CanonicalJson.Serialize(document.RootElement);
        var fromNode = CanonicalJson.Serialize(JsonNode.Parse(input));

        Assert.Equal(fromElement, fromNode);
        Assert.Equal("""{"é":[1.5,{"a":0,"b":"A"}],"😀":1000}""", Encoding.UTF8.GetString(fromElement));
    }
}
