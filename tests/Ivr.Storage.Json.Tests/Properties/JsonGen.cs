using System.Text.Json.Nodes;
using CsCheck;

namespace Ivr.Storage.Json.Tests.Properties;

/// <summary>CsCheck generators of random JSON trees built as <see cref="JsonNode"/>s.</summary>
internal static class JsonGen
{
    /// <summary>Any string that is valid Unicode: random BMP characters (controls included), plus awkward fixed ones.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.Char.Where(c => !char.IsSurrogate(c)).Array[0, 8].Select(chars => new string(chars))),
        (1, Gen.OneOf("", "😀", "a😀b", "\u0000", "\"\\/", "\b\f\n\r\t", "\u007f\u0080", "\u2028", "é", "e\u0301", "€")));

    /// <summary>Member names: mostly from a tiny alphabet so two random objects share members, plus names needing escapes.</summary>
    public static readonly Gen<string> Key = Gen.Frequency(
        (4, Gen.Char["abc"].Array[1, 2].Select(chars => new string(chars))),
        (1, Gen.OneOf("", "~", "/", "a/b", "m~n", "~01", "\r", "😀", "\ufb33", "\u20ac", "\u0080", "\u00f6", "1", "-")),
        (1, Text));

    public static readonly Gen<double> FiniteDouble = Gen.Frequency(
        (3, Gen.Double.Where(double.IsFinite)),
        (1, Gen.OneOf(0.0, -0.0, 1e21, 1e-7, 1e-6, 5e-324, double.MaxValue, -double.MaxValue, 9007199254740993, 0.1, 1.5e300)));

    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency<JsonNode?>(
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (2, FiniteDouble.Select(d => (JsonNode?)JsonValue.Create(d))),
        (3, Text.Select(s => (JsonNode?)JsonValue.Create(s))));

    /// <summary>Any JSON value nested at most <paramref name="depth"/> containers deep.</summary>
    public static Gen<JsonNode?> Node(int depth) =>
        depth == 0 ? Leaf : Gen.Frequency<JsonNode?>((2, Leaf), (1, Array(depth - 1)), (1, Object(depth - 1)));

    /// <summary>A JSON object (never null) nested at most <paramref name="depth"/> containers deep, itself included.</summary>
    public static Gen<JsonNode?> Object(int depth) =>
        Key.ArrayUnique[0, 5].SelectMany(keys => Node(depth).Array[keys.Length].Select(values =>
        {
            var obj = new JsonObject();
            for (var i = 0; i < keys.Length; i++)
            {
                obj[keys[i]] = values[i];
            }

            return (JsonNode?)obj;
        }));

    private static Gen<JsonNode?> Array(int depth) =>
        Node(depth).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items));

    /// <summary>For CsCheck's failure reports.</summary>
    public static string Print(JsonNode? node) => node?.ToJsonString() ?? "null";
}
