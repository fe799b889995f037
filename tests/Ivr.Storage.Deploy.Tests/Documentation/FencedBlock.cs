namespace Ivr.Storage.Deploy.Tests.Documentation;

/// <summary>A fenced code block: its info string (the language, e.g. bash) and its text.</summary>
internal sealed record FencedBlock(string Language, string Text)
{
    /// <summary>A block of shell commands.</summary>
    public bool IsShell => Language.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is "bash" or "sh" or "shell" or "console";
}
