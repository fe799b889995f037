namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>The feed horizon (changes before it are visible) and the read model's position; caught up when it has reached the horizon.</summary>
/// <param name="Horizon">Changes before it are visible.</param>
/// <param name="ReadModelPosition">The feed position the read model reflects.</param>
/// <param name="ReadModelCaughtUp">Whether the read model has reached the horizon.</param>
public sealed record LiveStatus(string Horizon, string ReadModelPosition, bool ReadModelCaughtUp);
