using Ivr.Storage.Messaging.Broker;
using Ivr.Storage.Messaging.Relay;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>A database of the test's own, its journal, and relays on it that publish to a test exchange.</summary>
internal sealed class RelayHarness : IAsyncDisposable
{
    private RelayHarness(TestDatabase database, JournalHarness journal, NpgsqlDataSource dataSource, TestQueue queue, BrokerConnection broker)
    {
        Database = database;
        Journal = journal;
        DataSource = dataSource;
        Queue = queue;
        Broker = broker;
    }

    public TestDatabase Database { get; }

    public JournalHarness Journal { get; }

    public NpgsqlDataSource DataSource { get; }

    public TestQueue Queue { get; }

    public BrokerConnection Broker { get; }

    public static async Task<RelayHarness> StartAsync(string bindingKey = "#", string? brokerUri = null, bool durableQueue = false)
    {
        var database = await TestDatabase.CreateAsync("ivr_relay_test");
        var journal = await JournalHarness.StartAsync(connectionString: database.JournalConnectionString);
        var queue = await TestQueue.CreateAsync(bindingKey, durableQueue);
        var broker = new BrokerConnection(Options.Create(new MessagingOptions { ConnectionString = brokerUri ?? TestServices.RabbitMqConnectionString }));
        return new RelayHarness(database, journal, NpgsqlDataSource.Create(database.JournalConnectionString), queue, broker);
    }

    public ChangeRelay NewRelay(Action<RelayOptions>? configure = null, string name = "test")
    {
        var options = new RelayOptions { Name = name, Exchange = Queue.Exchange, BatchSize = 7 };
        configure?.Invoke(options);
        return new ChangeRelay(DataSource, Journal.Journal, options, TimeProvider.System);
    }

    public Task<IChannel> ChannelAsync() => Broker.CreatePublisherChannelAsync(CancellationToken.None);

    /// <summary>The checkpoint stored for <paramref name="relay"/>, as "tx-position".</summary>
    public async Task<string> StoredCheckpointAsync(string relay)
    {
        await using var command = DataSource.CreateCommand("SELECT checkpoint_tx || '-' || checkpoint_position FROM ivr.message_relays WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = relay });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Queue.DisposeAsync();
        await DataSource.DisposeAsync();
        await Journal.DisposeAsync();
        await Database.DisposeAsync();
    }
}
