namespace Ivr.Storage.Client.Tests;

/// <summary>A cluster of its own, because these tests stop every silo; the breaker opens after two failures.</summary>
public sealed class OutageClusterFixture : StoreClusterFixture
{
    protected override void Configure(IvrStorageClientOptions options)
    {
        options.ResponseTimeout = TimeSpan.FromSeconds(5);
        options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1);
        options.Resilience.MaxRetryAttempts = 1;
        options.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.Resilience.MinimumThroughput = 2;
        options.Resilience.FailureRatio = 0.5;
        options.Resilience.SamplingDuration = TimeSpan.FromSeconds(30);
        options.Resilience.BreakDuration = TimeSpan.FromSeconds(1);
    }
}
