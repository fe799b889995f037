using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>
/// A console session stands for the key it was opened with: once configuration no longer holds that key (or holds it
/// with other scopes), the session's next page redirects to login and its live stream ends, as the key's own streams do.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleRevocationTests(ConsoleFixture fixture) : IAsyncLifetime
{
    private const string Key = "test-console-revocable-key";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly MutableConfiguration _configuration = new MutableConfiguration()
        .With("Authentication:ApiKeys:10:Name", "revocable")
        .With("Authentication:ApiKeys:10:Sha256", TestCallers.Sha256(Key))
        .With("Authentication:ApiKeys:10:Scopes:0", "entities:read:*");

    private WebApplicationFactory<Program> _gateway = null!;
    private Uri _server = null!;

    public Task InitializeAsync()
    {
        _gateway = fixture.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Gateway:ChangeStreamCredentialCheckInterval", "00:00:00.100");
            builder.ConfigureAppConfiguration(configuration => configuration.Add(_configuration));
        });
        _gateway.UseKestrel(0);
        _gateway.StartServer();
        _server = _gateway.ClientOptions.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task WriteAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/entities/console-revocation/{Guid.NewGuid():N}") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", TestCallers.Admin);
        using var response = await fixture.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task removing_the_key_ends_its_console_sessions_and_their_live_streams()
    {
        using var client = new ConsoleClient(_server);
        using var login = await client.LoginAsync(Key);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        await client.PageAsync("/console");
        // A change to deliver, so the stream's headers go out at once (the server sends them with the first event).
        await WriteAsync();
        using var stream = await client.GetStreamAsync("/console/live/stream?after=0-0");
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        _configuration.RemoveSection("Authentication:ApiKeys:10");

        using var page = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        // The open stream ends at its next credential check: reading its body reaches the end.
        using var timeout = new CancellationTokenSource(Bound);
        await using var body = await stream.Content.ReadAsStreamAsync(timeout.Token);
        var buffer = new byte[4096];
        while (await body.ReadAsync(buffer, timeout.Token) > 0)
        {
        }
    }
}
