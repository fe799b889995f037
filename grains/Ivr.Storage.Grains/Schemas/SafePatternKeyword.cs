using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// The <c>pattern</c> keyword with .NET's non-backtracking regex engine, which runs in time linear in the input:
/// the library's own keyword backtracks, and a schema pattern such as <c>^(a+)+$</c> would hold a silo's thread
/// for as long as an attacker's string wants. Patterns this engine cannot run (backreferences, lookarounds) are
/// refused when the schema is registered (<see cref="SchemaGuard"/>).
/// </summary>
internal sealed class SafePatternKeyword : PatternKeyword
{
    /// <summary>A second bound, should a huge string make even linear matching slow.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public override object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new JsonSchemaException("The value of 'pattern' must be a string.");
        }

        return Compile(value.GetString()!);
    }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String)
        {
            return new KeywordEvaluation { Keyword = Name, IsValid = true };
        }

        var regex = (Regex)keyword.Value!;
        var valid = regex.IsMatch(context.Instance.GetString()!);
        return new KeywordEvaluation
        {
            Keyword = Name,
            IsValid = valid,
            Error = valid ? null : $"The string does not match the pattern {regex}.",
        };
    }

    /// <summary>The pattern as this store runs it; throws <see cref="ArgumentException"/> or <see cref="NotSupportedException"/> when it cannot.</summary>
    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
}
