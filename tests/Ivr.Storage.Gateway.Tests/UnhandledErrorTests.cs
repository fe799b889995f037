using System.Net;
using Ivr.Storage.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class UnhandledErrorTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Fact]
    public async Task an_unexpected_failure_is_a_generic_500_problem_that_leaks_neither_message_nor_stack()
    {
        await using var broken = Fixture.Factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IEntityStore, ExplodingStore>()));
        using var client = broken.CreateClient();

        var response = await SendAsync(HttpMethod.Get, Url("call-session", NewId()), client: client);

        var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError, "internal-error");
        var body = problem.GetRawText();
        Assert.DoesNotContain("SELECT", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }
}
