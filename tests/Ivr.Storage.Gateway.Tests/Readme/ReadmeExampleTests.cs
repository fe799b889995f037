using System.Text.RegularExpressions;
using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace Ivr.Storage.Gateway.Tests.Readme;

/// <summary>
/// The root README's "Try it" requests, run as written with curl against a gateway on Kestrel over a test cluster
/// (read model on): only the gateway's address is that of the test. Each command must answer what its comment says,
/// the key must be the development key the gateway of run.sh accepts, and the address that gateway's.
/// </summary>
[Collection(ReadModelGatewayCollection.Name)]
public sealed partial class ReadmeExampleTests(ReadModelGatewayFixture fixture, ITestOutputHelper log)
{
    [Fact]
    public async Task the_try_it_requests_of_the_readme_answer_what_their_comments_say()
    {
        var example = Assert.Single(ReadmeExample.In(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "README.md"))));
        Assert.Equal($"http://127.0.0.1:{RunScriptHttpPort()}", example.BaseUrl);
        var developmentKeys = DevelopmentApiKeys();
        Assert.Contains(developmentKeys, key => key["Sha256"] == TestCallers.Sha256(example.ApiKey));

        await using var gateway = GatewayWith(developmentKeys);
        using var client = gateway.CreateClient();
        var script = example.Script(client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        var output = await ChildProcess.RunAsync("bash", ["-c", script], TimeSpan.FromSeconds(90));
        log.WriteLine(output);

        var responses = ReadmeExample.Responses(output);
        Assert.Equal(example.Commands.Count, responses.Count);
        var unmet = example.Commands.Zip(responses)
            .SelectMany(pair => pair.First.Unmet(pair.Second.Status, pair.Second.Text).Select(claim => $"{pair.First.Command}\n    # {pair.First.Comment}\n    {claim}"))
            .ToList();
        Assert.True(unmet.Count == 0, string.Join('\n', unmet));
    }

    /// <summary>The fixture's gateway with the development API keys added (as appsettings.Development.json lists them), on Kestrel: curl needs a port.</summary>
    private WebApplicationFactory<Program> GatewayWith(IReadOnlyList<IConfigurationSection> developmentKeys)
    {
        var settings = new List<(string, string)> { ("Urls", "http://127.0.0.1:0") };
        for (var i = 0; i < developmentKeys.Count; i++)
        {
            var index = TestCallers.All.Count + i;
            settings.Add(($"Authentication:ApiKeys:{index}:Name", developmentKeys[i]["Name"]!));
            settings.Add(($"Authentication:ApiKeys:{index}:Sha256", developmentKeys[i]["Sha256"]!));
            var scopes = developmentKeys[i].GetSection("Scopes").GetChildren().ToList();
            settings.AddRange(scopes.Select((scope, s) => ($"Authentication:ApiKeys:{index}:Scopes:{s}", scope.Value!)));
        }

        var gateway = fixture.With([.. settings]);
        gateway.UseKestrel(0);
        gateway.StartServer();
        return gateway;
    }

    private static IReadOnlyList<IConfigurationSection> DevelopmentApiKeys() =>
        [.. new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(TestPaths.RepositoryRoot, "client", "Ivr.Storage.Gateway", "appsettings.Development.json"))
            .Build()
            .GetSection("Authentication:ApiKeys")
            .GetChildren()];

    /// <summary>The HTTP port deploy/local/run.sh gives the gateway unless told otherwise.</summary>
    private static string RunScriptHttpPort()
    {
        var script = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "deploy", "local", "run.sh"));
        var port = RunScriptPort().Match(script);
        Assert.True(port.Success, "deploy/local/run.sh sets IVR_HTTP_PORT with a default");
        return port.Groups["port"].Value;
    }

    [GeneratedRegex(@"IVR_HTTP_PORT=""\$\{IVR_HTTP_PORT:-(?<port>\d+)\}""")]
    private static partial Regex RunScriptPort();
}
