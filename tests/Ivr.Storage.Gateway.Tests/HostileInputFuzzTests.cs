using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// A bounded fuzz run of hostile requests against the gateway: malformed and deeply nested JSON, huge numbers,
/// invalid UTF-8, oversize bodies, header injection, path traversal and SQL-looking ids, wrong content types,
/// missing and forged credentials. No request may get a 5xx, a rejected request may not store anything, and the
/// cluster must still serve a normal write and read afterwards. The generator is seeded, so a failure replays.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileInputFuzzTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private const int Seed = 20261128;
    private const int MaxRequests = 3000;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task thousands_of_hostile_requests_get_no_5xx_store_nothing_when_rejected_and_leave_the_store_healthy()
    {
        var type = "fuzz-" + NewId()[..8];
        var random = new Random(Seed);
        var acceptedWrites = 0;
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (; sent < MaxRequests && clock.Elapsed < MaxDuration; sent++)
        {
            using var request = HostileRequest(random, type);
            HttpResponseMessage response;
            try
            {
                response = await Fixture.Client.SendAsync(request);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or HttpRequestException)
            {
                // The HTTP client itself refused to send it (e.g. a raw CR/LF in a header): nothing reached the gateway.
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(status < 500, $"request {sent} ({request.Method} {request.RequestUri}) got {status}: {body}");
                Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
                Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
                if (status is >= 200 and < 300 && request.Method != HttpMethod.Get)
                {
                    acceptedWrites++;
                }
            }
        }

        Assert.True(sent >= 1000, $"only {sent} requests in {MaxDuration}");
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 5, "the run exercised several kinds of rejection: " + string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}")));
        Assert.Equal(acceptedWrites, await JournalRowsAsync(type));

        var id = NewId();
        await JsonAsync(await PutAsync(Url(type, id), """{"after":"fuzz"}"""), HttpStatusCode.Created);
        await JsonAsync(await GetAsync(Url(type, id)), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await Fixture.Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    private static HttpRequestMessage HostileRequest(Random random, string type)
    {
        var id = random.Next(8) switch
        {
            0 => "../../etc/passwd",
            1 => "'; DROP TABLE ivr.journal; --",
            2 => "%00" + random.Next(),
            3 => new string('x', random.Next(250, 400)),
            4 => "a/b\\c?d#e",
            _ => "id-" + random.Next(50),
        };
        var entityType = random.Next(10) == 0 ? "Bad Type!" : type;
        var url = random.Next(12) == 0
            ? $"/entities/{entityType}/..%2F..%2F{Uri.EscapeDataString(id)}"
            : $"/entities/{entityType}/{Uri.EscapeDataString(id)}";
        var method = random.Next(6) switch
        {
            0 => HttpMethod.Get,
            1 => HttpMethod.Patch,
            2 => HttpMethod.Delete,
            _ => HttpMethod.Put,
        };
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        AddCredentials(random, request);
        AddHostileHeaders(random, request);
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            var content = new ByteArrayContent(HostileBody(random));
            content.Headers.TryAddWithoutValidation("Content-Type", random.Next(6) switch
            {
                0 => "text/plain",
                1 => "application/xml",
                2 => "multipart/form-data; boundary=x",
                3 => "application/json; charset=latin1",
                _ => method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json",
            });
            request.Content = content;
        }

        return request;
    }

    private static byte[] HostileBody(Random random)
    {
        switch (random.Next(9))
        {
            case 0:
                return Encoding.UTF8.GetBytes("""{"a":1,"b":[1,2,""" [..random.Next(1, 14)]);
            case 1:
                var depth = random.Next(65, 3000);
                return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
            case 2:
                return Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => """{"n":1e400}""", 1 => "{\"n\":" + new string('9', 600) + "}", _ => """{"n":-1e999}""" });
            case 3:
                return [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}'];
            case 4:
                return Encoding.UTF8.GetBytes("{\"blob\":\"" + new string('x', random.Next(1_048_577, 2_500_000)) + "\"}");
            case 5:
                var garbage = new byte[random.Next(1, 200)];
                random.NextBytes(garbage);
                return garbage;
            case 6:
                return Encoding.UTF8.GetBytes("""{"a":1,"a":2}""");
            case 7:
                return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "[1,2,3]" : "\"just a string\"");
            default:
                return Encoding.UTF8.GetBytes($$"""{"ok":{{random.Next()}},"text":"{{(char)random.Next(0x20, 0x7E)}}"}""");
        }
    }

    private static void AddCredentials(Random random, HttpRequestMessage request)
    {
        switch (random.Next(8))
        {
            case 0:
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("X-Api-Key", "forged-" + random.Next());
                break;
            case 2:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzY29wZSI6ImVudGl0aWVzOmFkbWluOioifQ.");
                break;
            case 3:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('A', random.Next(1, 5000)));
                break;
            case 4:
                request.Headers.TryAddWithoutValidation("X-Api-Key", TestCallers.Reader);
                break;
            default:
                request.Headers.TryAddWithoutValidation("X-Api-Key", TestCallers.Admin);
                break;
        }
    }

    private static void AddHostileHeaders(Random random, HttpRequestMessage request)
    {
        switch (random.Next(6))
        {
            case 0:
                request.Headers.TryAddWithoutValidation("X-Source", "evil\r\nX-Injected: 1");
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("If-Match", random.Next(2) == 0 ? "\"not-a-number\"" : "W/\"1\", \"abc");
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', random.Next(257, 2000)));
                break;
            case 3:
                request.Headers.TryAddWithoutValidation("X-Correlation-Id", new string('c', random.Next(513, 4000)));
                break;
            case 4:
                request.Headers.TryAddWithoutValidation("traceparent", "00-zzzz-invalid");
                break;
        }
    }

    private async Task<long> JournalRowsAsync(string type)
    {
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM ivr.journal WHERE entity_type = $1", connection);
        command.Parameters.Add(new() { Value = type });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
