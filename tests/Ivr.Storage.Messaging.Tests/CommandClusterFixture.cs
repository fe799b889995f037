using Ivr.Storage.Messaging.Commands;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>
/// A one-silo cluster on a database of its own consuming a command queue of the fixture's own, which may write the
/// types <c>order-*</c> only, as caller <c>test-commands</c>; a channel to publish commands and read dead letters.
/// </summary>
public sealed class CommandClusterFixture : EntityClusterFixture
{
    private TestDatabase? _database;
    private IConnection? _connection;

    public TestDatabase Database => _database!;

    public CommandOptions Commands { get; } = new()
    {
        Enabled = true,
        Queue = $"ivr.test.commands.{Guid.NewGuid():N}",
        DeadLetter = $"ivr.test.commands.dead.{Guid.NewGuid():N}",
        Caller = "test-commands",
        MaxBodyBytes = 64 * 1024,
        Scopes = { "entities:write:order-*" },
    };

    /// <summary>A channel with publisher confirms.</summary>
    public IChannel Channel { get; private set; } = null!;

    protected override string JournalConnectionString => Database.JournalConnectionString;

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.Configure<MessagingOptions>(options => options.ConnectionString = TestServices.RabbitMqConnectionString);
        silo.Services.Configure<CommandOptions>(options =>
        {
            options.Enabled = true;
            options.Queue = Commands.Queue;
            options.DeadLetter = Commands.DeadLetter;
            options.Caller = Commands.Caller;
            options.MaxBodyBytes = Commands.MaxBodyBytes;
            foreach (var scope in Commands.Scopes)
            {
                options.Scopes.Add(scope);
            }
        });
    }

    public override async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        _database = await TestDatabase.CreateAsync("ivr_command_cluster", fakeClock: true);
        _connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMqConnectionString) }.CreateConnectionAsync();
        Channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        // Declared here too (the same way), so commands published before the silo consumes wait in the queue.
        await CommandTopology.DeclareAsync(Channel, Commands, CancellationToken.None);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connection is not null)
        {
            await Channel.QueueDeleteAsync(Commands.Queue);
            await Channel.QueueDeleteAsync(Commands.DeadLetter);
            await Channel.ExchangeDeleteAsync(Commands.DeadLetter);
            await Channel.DisposeAsync();
            await _connection.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
