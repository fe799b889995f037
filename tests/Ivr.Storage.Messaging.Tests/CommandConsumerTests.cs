using System.Text;
using System.Text.Json;
using Ivr.Storage.Contracts;
using Ivr.Storage.Messaging.Commands;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>Commands through the real broker into the cluster: versions, replies, idempotent redelivery, dead letters.</summary>
public sealed class CommandConsumerTests(CommandClusterFixture fixture) : IClassFixture<CommandClusterFixture>
{
    private readonly CommandSender _sender = new(fixture);

    [Fact]
    public async Task commands_become_versions_with_their_provenance_and_each_reply_names_its_version_and_feed_position()
    {
        var id = Guid.NewGuid().ToString("N");
        var replyTo = await _sender.ReplyQueueAsync();
        await _sender.SendAsync($"put-{id}", CommandSender.Headers("put", "order-line", id, "not-exists"), """{"qty":1}""", replyTo, correlationId: "corr-" + id);
        var first = await _sender.ReceiveAsync(replyTo, 1);
        await _sender.SendAsync($"patch-{id}", CommandSender.Headers("patch", "order-line", id, "1"), """{"qty":2}""", replyTo, correlationId: "corr-" + id);
        var second = await _sender.ReceiveAsync(replyTo, 1);
        // The same message again (a redelivery, or a publisher retrying): the same version, no new one.
        await _sender.SendAsync($"patch-{id}", CommandSender.Headers("patch", "order-line", id, "1"), """{"qty":2}""", replyTo, correlationId: "corr-" + id);
        var replayed = await _sender.ReceiveAsync(replyTo, 1);

        Assert.Equal("corr-" + id, first[0].BasicProperties.CorrelationId);
        using var reply = JsonDocument.Parse(second[0].Body);
        Assert.Equal("committed", reply.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, reply.RootElement.GetProperty("version").GetInt64());
        Assert.False(string.IsNullOrEmpty(reply.RootElement.GetProperty("feedPosition").GetString()));
        using var again = JsonDocument.Parse(replayed[0].Body);
        Assert.True(again.RootElement.GetProperty("idempotentReplay").GetBoolean());
        var history = await fixture.Client.GetGrain<IEntityGrain>($"order-line/{id}").GetHistory(new HistoryQuery { IncludePayloads = true });
        Assert.Equal([1L, 2L], history.Items.Select(v => v.Version));
        var patch = history.Items[1];
        Assert.Equal($"patch-{id}", patch.Provenance.CausationId);
        Assert.Equal("corr-" + id, patch.Provenance.CorrelationId);
        Assert.Equal("command-tests", patch.Provenance.Source);
        Assert.Equal(fixture.Commands.Caller, patch.Provenance.Actor);
        Assert.Equal("""{"qty":2}""", patch.Payload);
    }

    public static TheoryData<string, string> Poison => new()
    {
        { "bad-json", CommandRejection.BadJson },
        { "unknown-kind", CommandRejection.BadHeader },
        { "no-source", CommandRejection.BadHeader },
        { "oversized", CommandRejection.Oversized },
        { "bad-type", CommandRejection.UnknownType },
        { "exact-version-conflict", CommandRejection.Conflict },
        { "payload-not-an-object", CommandRejection.Validation },
    };

    [Theory]
    [MemberData(nameof(Poison))]
    public async Task a_message_that_can_never_succeed_is_dead_lettered_with_its_reason_and_stores_nothing(string poison, string expectedCode)
    {
        var id = Guid.NewGuid().ToString("N");
        var headers = CommandSender.Headers("put", "order-line", id);
        var body = Encoding.UTF8.GetBytes("""{"qty":1}""");
        switch (poison)
        {
            case "bad-json": body = Encoding.UTF8.GetBytes("{\"qty\":"); break;
            case "unknown-kind": headers[CommandHeaders.Kind] = "upsert"; break;
            case "no-source": headers.Remove(CommandHeaders.Source); break;
            case "oversized": body = Encoding.UTF8.GetBytes($$"""{"x":"{{new string('a', fixture.Commands.MaxBodyBytes)}}"}"""); break;
            case "bad-type": headers[CommandHeaders.Type] = "Order Line!"; break;
            case "exact-version-conflict": headers[CommandHeaders.ExpectedVersion] = "3"; break;
            case "payload-not-an-object": body = Encoding.UTF8.GetBytes("[1,2]"); break;
        }

        var messageId = $"{poison}-{id}";
        await _sender.SendAsync(messageId, headers, body);
        var dead = await _sender.DeadLetterAsync(messageId);

        Assert.Equal(expectedCode, Encoding.UTF8.GetString((byte[])dead.BasicProperties.Headers![CommandHeaders.Error]!));
        Assert.False(string.IsNullOrEmpty(Encoding.UTF8.GetString((byte[])dead.BasicProperties.Headers![CommandHeaders.ErrorDetail]!)));
        await AssertNothingStoredAsync(id);
    }

    [Fact]
    public async Task a_message_without_a_message_id_is_dead_lettered_because_it_has_no_idempotency_key()
    {
        var id = Guid.NewGuid().ToString("N");
        await _sender.SendAsync(null, CommandSender.Headers("put", "order-line", id), Encoding.UTF8.GetBytes("""{"qty":1}"""), correlationId: "no-id-" + id);
        var dead = await _sender.ReceiveAsync(fixture.Commands.DeadLetter, 1, m => m.BasicProperties.CorrelationId == "no-id-" + id);

        Assert.Equal(CommandRejection.MissingMessageId, Encoding.UTF8.GetString((byte[])dead[0].BasicProperties.Headers![CommandHeaders.Error]!));
        await AssertNothingStoredAsync(id);
    }

    [Fact]
    public async Task a_command_on_a_type_the_queue_may_not_write_is_refused_even_though_the_silo_itself_may_write_anything()
    {
        // The attack: the queue is granted entities:write:order-* and a publisher asks for an invoice. The consumer
        // calls the grain as the silo (which may write every type), so only the queue's own scope check stands between.
        var id = Guid.NewGuid().ToString("N");
        var replyTo = await _sender.ReplyQueueAsync();
        await _sender.SendAsync($"attack-{id}", CommandSender.Headers("put", "invoice", id), """{"amount":1000000}""", replyTo);

        var dead = await _sender.DeadLetterAsync($"attack-{id}");
        var reply = await _sender.ReceiveAsync(replyTo, 1);

        Assert.Equal(CommandRejection.Forbidden, Encoding.UTF8.GetString((byte[])dead.BasicProperties.Headers![CommandHeaders.Error]!));
        using var body = JsonDocument.Parse(reply[0].Body);
        Assert.Equal("rejected", body.RootElement.GetProperty("status").GetString());
        await Assert.ThrowsAsync<EntityNotFoundException>(() => fixture.Client.GetGrain<IEntityGrain>($"invoice/{id}").GetCurrent());
    }

    private async Task AssertNothingStoredAsync(string id) =>
        await Assert.ThrowsAsync<EntityNotFoundException>(() => fixture.Client.GetGrain<IEntityGrain>($"order-line/{id}").GetCurrent());
}
