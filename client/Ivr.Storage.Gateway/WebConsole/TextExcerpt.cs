namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>The beginning of a text, at most a bound of characters (never half a surrogate pair), and how long the whole is.</summary>
public sealed record TextExcerpt(string Text, int TotalChars)
{
    public bool Truncated => Text.Length < TotalChars;

    public static TextExcerpt Of(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return new TextExcerpt(text, text.Length);
        }

        var end = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return new TextExcerpt(text[..end], text.Length);
    }
}
