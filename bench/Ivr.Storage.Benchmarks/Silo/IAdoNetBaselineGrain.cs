namespace Ivr.Storage.Benchmarks.Silo;

/// <summary>Bench-only baseline: a grain that writes its state through Orleans' stock ADO.NET grain storage.</summary>
public interface IAdoNetBaselineGrain : IGrainWithStringKey
{
    Task Write(string payload);
}

[GenerateSerializer]
public sealed class BaselineState
{
    [Id(0)]
    public string? Payload { get; set; }
}
