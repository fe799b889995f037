using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>Statistics of the types the caller may read, and the read model position they reflect.</summary>
internal sealed record StatisticsResponse(IReadOnlyDictionary<string, long> EntitiesByType, IReadOnlyList<HourlyCount> Hourly, string Position);
