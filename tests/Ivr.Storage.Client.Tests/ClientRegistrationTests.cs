using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Client.Tests;

/// <summary>Registration and options: no cluster needed.</summary>
public sealed class ClientRegistrationTests
{
    private static ServiceProvider WorkerProvider() =>
        new ServiceCollection().AddIvrStorageClient(options =>
        {
            options.Source = "worker";
            options.RedisConnectionString = "localhost:6379";
            options.Tls = Testing.TestCertificates.Shared.Caller("worker");
        }).BuildServiceProvider();

    [Fact]
    public void the_configuration_overload_binds_the_IvrStorage_section_and_falls_back_to_the_redis_connection_string()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IvrStorage:Source"] = "worker-a",
            ["IvrStorage:ClusterId"] = "prod-eu",
            ["IvrStorage:Resilience:MaxRetryAttempts"] = "7",
            ["ConnectionStrings:Redis"] = "redis.internal:6379",
            ["IvrStorage:Tls:CertificatePath"] = "/etc/ivr-storage/tls/tls.crt",
            ["IvrStorage:Tls:KeyPath"] = "/etc/ivr-storage/tls/tls.key",
            ["IvrStorage:Tls:CaPath"] = "/etc/ivr-storage/tls/ca.crt",
        }).Build();
        using var provider = new ServiceCollection().AddIvrStorageClient(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<IvrStorageClientOptions>>().Value;

        Assert.Equal("worker-a", options.Source);
        Assert.Equal("prod-eu", options.ClusterId);
        Assert.Equal("ivr-storage", options.ServiceId);
        Assert.Equal(7, options.Resilience.MaxRetryAttempts);
        Assert.Equal("redis.internal:6379", options.RedisConnectionString);
        Assert.Equal("/etc/ivr-storage/tls/tls.key", options.Tls.KeyPath);
        Assert.True(options.Tls.Enabled);
    }

    [Fact]
    public void options_without_a_source_a_redis_connection_string_or_a_certificate_fail_validation_naming_each()
    {
        using var provider = new ServiceCollection().AddIvrStorageClient(_ => { }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IvrStorageClientOptions>>().Value);

        Assert.Contains(error.Failures, failure => failure.Contains("Source", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("RedisConnectionString", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("Tls:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public void the_client_retries_its_first_connection_with_the_configured_attempts()
    {
        using var provider = WorkerProvider();

        Assert.IsType<Hosting.ConnectRetryFilter>(provider.GetRequiredService<Orleans.IClientConnectionRetryFilter>());
    }

    [Fact]
    public void the_change_feed_and_read_model_facades_are_the_entity_stores_instance_so_they_share_its_circuit_breaker()
    {
        using var provider = WorkerProvider();

        var store = provider.GetRequiredService<IEntityStore>();

        Assert.Same(store, provider.GetRequiredService<IChangeFeed>());
        Assert.Same(store, provider.GetRequiredService<IReadModel>());
    }
}
