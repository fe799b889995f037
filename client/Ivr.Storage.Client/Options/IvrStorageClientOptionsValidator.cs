using Microsoft.Extensions.Options;

namespace Ivr.Storage.Client;

/// <summary>Checks <see cref="IvrStorageClientOptions"/> at start-up, so a misconfigured host fails before its first write.</summary>
internal sealed class IvrStorageClientOptionsValidator : IValidateOptions<IvrStorageClientOptions>
{
    /// <summary>Whether the options must locate a cluster (false when the facade runs over an existing client).</summary>
    public bool RequireCluster { get; init; } = true;

    public ValidateOptionsResult Validate(string? name, IvrStorageClientOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Source))
        {
            failures.Add($"{IvrStorageClientOptions.SectionName}:Source is required: it is stamped as provenance on every write.");
        }

        if (RequireCluster)
        {
            if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
            {
                failures.Add($"{IvrStorageClientOptions.SectionName}:RedisConnectionString (or ConnectionStrings:Redis) is required: the gateway list is read from Redis.");
            }

            if (string.IsNullOrWhiteSpace(options.Tls.CertificatePath) || string.IsNullOrWhiteSpace(options.Tls.KeyPath) || string.IsNullOrWhiteSpace(options.Tls.CaPath))
            {
                failures.Add($"{IvrStorageClientOptions.SectionName}:Tls:CertificatePath, KeyPath and CaPath are required: the silos accept only callers with a certificate of the cluster's CA.");
            }

            if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
            {
                failures.Add($"{IvrStorageClientOptions.SectionName}:ClusterId and ServiceId must not be empty.");
            }
        }

        var resilience = options.Resilience;
        if (resilience.MaxRetryAttempts < 0)
        {
            failures.Add("Resilience:MaxRetryAttempts must not be negative.");
        }

        if (resilience.FailureRatio is <= 0 or > 1)
        {
            failures.Add("Resilience:FailureRatio must be greater than 0 and at most 1.");
        }

        if (resilience.MinimumThroughput < 2)
        {
            failures.Add("Resilience:MinimumThroughput must be at least 2.");
        }

        if (resilience.BreakDuration < TimeSpan.FromMilliseconds(500) || resilience.SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add("Resilience:BreakDuration and SamplingDuration must be at least 500 ms.");
        }

        if (resilience.TotalTimeout < TimeSpan.FromMilliseconds(10) || resilience.TotalTimeout > TimeSpan.FromDays(1))
        {
            failures.Add("Resilience:TotalTimeout must be between 10 ms and one day.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
