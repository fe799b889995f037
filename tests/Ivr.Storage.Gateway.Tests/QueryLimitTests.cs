using System.Net;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// The gateway bounds what one caller can make the cluster wait for (issue 15, finding 5) and answers a query the
/// database cancelled with a problem, never a 500 (finding 8). The read model here holds its queries until released.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class QueryLimitTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private const int PerCaller = 2;

    [Fact]
    public async Task a_caller_gets_429_beyond_its_limit_of_waiting_queries_while_other_callers_and_queries_without_a_position_go_on()
    {
        var held = new HeldReadModel();
        await using var gateway = With(held);
        using var client = gateway.CreateClient();

        try
        {
            var waiting = Enumerable.Range(0, PerCaller).Select(_ => SendAsync(HttpMethod.Get, "/query/statistics?minPosition=1-1", client: client)).ToArray();
            await held.ArrivedAsync(PerCaller);
            // Refused at once: without the limit it would be held like the others (the bound turns that into a failure).
            var refused = await SendAsync(HttpMethod.Get, "/query/entities/call-x?minPosition=1-1", client: client).WaitAsync(TimeSpan.FromSeconds(30));
            var otherCaller = SendAsync(HttpMethod.Get, "/query/statistics?minPosition=1-1", apiKey: TestCallers.Reader, client: client);
            var withoutPosition = SendAsync(HttpMethod.Get, "/query/statistics", client: client);
            await held.ArrivedAsync(2);

            var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "too-many-waits");
            Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
            Assert.Equal(1, problem.GetProperty("retryAfterSeconds").GetInt32());
            held.Release();
            Assert.All(await Task.WhenAll([.. waiting, otherCaller, withoutPosition]), response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/query/statistics?minPosition=1-1", client: client)).StatusCode);
        }
        finally
        {
            held.Release();
        }
    }

    [Fact]
    public async Task a_query_the_database_cancelled_for_its_time_limit_is_a_504_problem()
    {
        var held = new HeldReadModel { Fail = new QueryTimeoutException(TimeSpan.FromSeconds(5)) };
        await using var gateway = With(held);
        using var client = gateway.CreateClient();

        var response = await SendAsync(HttpMethod.Get, "/query/search?q=slow&type=call-x", client: client);

        var problem = await ProblemAsync(response, (HttpStatusCode)504, "query-timeout");
        Assert.Equal(5, problem.GetProperty("timeoutSeconds").GetDouble());
    }

    private WebApplicationFactory<Program> With(HeldReadModel readModel) =>
        Fixture.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Gateway:MinPositionWaitsPerCaller", PerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureTestServices(services => services.AddSingleton<IReadModel>(readModel));
        });
}
