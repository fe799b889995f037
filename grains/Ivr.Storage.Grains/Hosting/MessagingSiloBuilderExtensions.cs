using Ivr.Storage.Grains.Messaging;
using Ivr.Storage.Messaging;
using Ivr.Storage.Messaging.Broker;
using Ivr.Storage.Messaging.Commands;
using Ivr.Storage.Messaging.Relay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Hosting;

/// <summary>Adds the RabbitMQ integration (section <c>Messaging</c>) to a silo.</summary>
public static class MessagingSiloBuilderExtensions
{
    /// <summary>
    /// Registers the broker connection (<c>ConnectionStrings:RabbitMq</c> unless <c>Messaging:ConnectionString</c> is
    /// set), runs every relay of <c>Messaging:Relays</c> in the cluster and, when <c>Messaging:Commands:Enabled</c>,
    /// consumes the command queue on every silo; with neither configured nothing connects.
    /// </summary>
    public static ISiloBuilder AddMessageRelays(this ISiloBuilder builder)
    {
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.ConnectionString ??= configuration.GetConnectionString("RabbitMq"))
            .Validate(
                options => options.Relays.All(r => r.Name.Length > 0) && options.Relays.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() == options.Relays.Count,
                "Every relay of Messaging:Relays needs a name of its own.")
            .Validate(options => options.Relays.Count == 0 || !string.IsNullOrEmpty(options.ConnectionString), "Relays are configured but no broker: set ConnectionStrings:RabbitMq.")
            .ValidateOnStart();
        builder.Services.AddSingleton<BrokerConnection>();
        builder.Services.AddSingleton<RelayMetrics>();
        builder.Services.AddHostedService<MessageRelayKeeper>();
        builder.Services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.SectionName);
        builder.Services.AddHostedService<CommandConsumer>();
        return builder;
    }
}
