namespace Ivr.Storage.Verify.Export;

/// <summary>What an export covers: the leaves <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive) of one type, or of every type when <see cref="Type"/> is null.</summary>
internal sealed record ExportRange(string? Type, long From, long To);
