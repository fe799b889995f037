using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;

namespace Ivr.Storage.Json.Tests.Properties;

public sealed partial class CanonicalJsonProperties
{
    [Fact]
    public void Canonicalize_OfCanonicalOutput_IsIdentical()
    {
        JsonGen.Node(4).Sample(node =>
        {
            var canonical = CanonicalJson.Serialize(node);

            Assert.Equal(canonical, CanonicalJson.Canonicalize(canonical));
        }, iter: 500, print: JsonGen.Print);
    }

    [Fact]
    public void CanonicalOutput_ReparsedAsNodeOrElement_ReserializesByteIdentical()
    {
        JsonGen.Node(4).Sample(node =>
        {
            var canonical = CanonicalJson.Serialize(node);
            using var document = JsonDocument.Parse(canonical);

            Assert.Equal(canonical, CanonicalJson.Serialize(JsonNode.Parse(canonical)));
            Assert.Equal(canonical, CanonicalJson.Serialize(document.RootElement));
        }, iter: 500, print: JsonGen.Print);
    }

    [Fact]
    public void Serialize_EscapedTextAndInMemoryNode_GiveTheSameBytes()
    {
        // System.Text.Json's default writer escapes all non-ASCII and HTML characters as \uXXXX, so this
        // compares the unescaping path against the direct UTF-16 path.
        JsonGen.Node(4).Sample(node =>
        {
            var escapedText = node?.ToJsonString() ?? "null";

            Assert.Equal(CanonicalJson.Serialize(node), CanonicalJson.Canonicalize(System.Text.Encoding.UTF8.GetBytes(escapedText)));
        }, iter: 500, print: JsonGen.Print);
    }

    [Fact]
    public void Serialize_MemberOrder_DoesNotMatter()
    {
        JsonGen.Node(4).Sample(node =>
        {
            Assert.Equal(CanonicalJson.Serialize(node), CanonicalJson.Serialize(ReverseMembers(node)));
        }, iter: 300, print: JsonGen.Print);
    }

    [Fact]
    public void EcmaScriptNumber_Format_RoundTripsEveryFiniteDoubleInEcmaScriptShape()
    {
        JsonGen.FiniteDouble.Sample(value =>
        {
            var text = EcmaScriptNumber.Format(value);
            var parsed = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

            Assert.Equal(value == 0 ? 0.0 : value, parsed);
            Assert.Matches(EcmaScriptShape(), text);
            var isExponent = text.Contains('e', StringComparison.Ordinal);
            var magnitude = Math.Abs(value);
            Assert.Equal(magnitude != 0 && (magnitude >= 1e21 || magnitude < 1e-6), isExponent);
        }, iter: 5000);
    }

    private static JsonNode? ReverseMembers(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Reverse().Select(m => KeyValuePair.Create(m.Key, ReverseMembers(m.Value)))),
        JsonArray array => new JsonArray(array.Select(ReverseMembers).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>ECMAScript number text: no leading zeros, no trailing fraction zeros, exponent with explicit sign.</summary>
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?(e[+-][1-9][0-9]*)?$")]
    private static partial Regex EcmaScriptShape();
}
