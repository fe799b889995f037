using System.Text;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.AuditLog.Sinks;
using Ivr.Storage.Testing;
using RabbitMQ.Client;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>Heads published to the local broker: persistent, confirmed, parseable and verifiable by an auditor's consumer.</summary>
public sealed class RabbitMqTreeHeadSinkTests
{
    [Fact]
    public async Task should_publish_each_head_persistent_and_confirmed_to_the_exchange_as_the_auditor_reads_it()
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestServices.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var reader = await connection.CreateChannelAsync();
        var exchange = $"ivr.test.heads.{Guid.NewGuid():N}";
        await using var sink = new RabbitMqTreeHeadSink(
            cancellationToken => connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken),
            exchange);
        using var signer = new TreeHeadSigner(TreeHeadKeys.Generate());
        var keys = new TreeHeadKeyRing();
        keys.Add(signer.PublicKey);
        var head = signer.Sign(7, new byte[32], DateTimeOffset.UnixEpoch.AddDays(1), SignedTreeHead.NoPreviousHead());

        // The sink declares the exchange on first use; a queue bound before the publish receives it.
        await sink.ExportAsync(signer.Sign(1, new byte[32], DateTimeOffset.UnixEpoch, SignedTreeHead.NoPreviousHead()), CancellationToken.None);
        var queue = (await reader.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await reader.QueueBindAsync(queue, exchange, RabbitMqTreeHeadSink.RoutingKey);
        await sink.ExportAsync(head, CancellationToken.None);

        var message = await Eventually.ValueAsync(() => reader.BasicGetAsync(queue, autoAck: true), TimeSpan.FromSeconds(10), () => "no head reached the queue");
        Assert.True(message.BasicProperties.Persistent);
        Assert.Equal("tree-head-7", message.BasicProperties.MessageId);
        var received = TreeHeadJson.Parse(Encoding.UTF8.GetString(message.Body.Span));
        Assert.True(keys.Verify(received).IsValid);
        Assert.Equal(head.RootHash, received.RootHash);
        await reader.ExchangeDeleteAsync(exchange);
    }

    [Fact]
    public async Task should_fail_with_a_sink_error_when_the_broker_is_unreachable()
    {
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{FreePorts.Any()}/"), RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
        await using var sink = new RabbitMqTreeHeadSink(
            async cancellationToken => await (await factory.CreateConnectionAsync(cancellationToken)).CreateChannelAsync(cancellationToken: cancellationToken),
            "ivr.test.unreachable");
        using var signer = new TreeHeadSigner(TreeHeadKeys.Generate());

        await Assert.ThrowsAsync<TreeHeadSinkException>(() => sink.ExportAsync(signer.Sign(1, new byte[32], DateTimeOffset.UnixEpoch, SignedTreeHead.NoPreviousHead()), CancellationToken.None));
    }
}
