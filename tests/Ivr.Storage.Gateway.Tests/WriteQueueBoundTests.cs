using System.Net;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// A database that does not keep up, seen from HTTP: while the journal's table is locked, the silo's group-commit queue
/// (bound: one append) fills, and the next write is refused at once as a retryable 503, never acknowledged nor stored.
/// </summary>
[Collection(QueueBoundGatewayCollection.Name)]
public sealed class WriteQueueBoundTests(QueueBoundGatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Fact]
    public async Task a_write_that_finds_the_journal_queue_full_is_a_503_with_retry_after_and_stores_nothing()
    {
        var held = Url("call-session", NewId());
        var refused = Url("call-session", NewId());
        // The held write waits for the lock as long as the test needs: longer than the tests' usual 5 s response timeout.
        await using var gateway = fixture.With(("IvrStorage:ResponseTimeout", "00:01:00"));
        using var client = gateway.CreateClient();
        Task<HttpResponseMessage> first;
        HttpResponseMessage second;
        await using (var locker = await TestServices.OpenPostgresAsync(fixture.AdminConnectionString))
        {
            await using var transaction = await locker.BeginTransactionAsync();
            await new NpgsqlCommand("LOCK TABLE ivr.journal IN SHARE MODE", locker, transaction).ExecuteNonQueryAsync();
            first = SendAsync(HttpMethod.Put, held, """{"n":1}""", client: client);
            await WaitForInsertBehindTheLockAsync(fixture.AdminConnectionString);

            second = await SendAsync(HttpMethod.Put, refused, """{"n":2}""", client: client);
        }

        var problem = await ProblemAsync(second, HttpStatusCode.ServiceUnavailable, "store-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(5), second.Headers.RetryAfter?.Delta);
        Assert.Equal(5, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(refused, client: client)).StatusCode);
        // Retried once the database moves again, as the Retry-After says, the write goes in.
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Put, refused, """{"n":2}""", client: client)).StatusCode);
    }

    private Task<HttpResponseMessage> GetAsync(string url, HttpClient client) => SendAsync(HttpMethod.Get, url, client: client);

    /// <summary>Waits (bounded: 30 s) until the held write's INSERT waits for the test's lock: then the queue is full.</summary>
    private static async Task WaitForInsertBehindTheLockAsync(string adminConnectionString)
    {
        await using var connection = await TestServices.OpenPostgresAsync(adminConnectionString);
        await using var blocked = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO ivr.journal%'",
            connection);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((long)(await blocked.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The first write's INSERT never waited for the table lock.");
    }
}
