using System.Text.RegularExpressions;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// deploy/compose/compose.rabbitmq.yaml, the override that points the silos at the platform's RabbitMQ (issue 20):
/// every silo gets the broker, over amqps, with its credentials only as required variable references.
/// </summary>
public sealed partial class ComposeRabbitMqTests
{
    private const string OverridePath = Compose.Directory + "/compose.rabbitmq.yaml";

    [Fact]
    public void every_silo_of_compose_yaml_gets_the_broker_relays_and_the_command_queue_and_nothing_else_does()
    {
        var services = Yaml.LoadDocuments(OverridePath).Single().Map("services");
        var configured = services.Children.Keys.Select(key => key.ToString()).ToList();

        Assert.Equal(Compose.SiloNames.Order(StringComparer.Ordinal), configured.Order(StringComparer.Ordinal));
        foreach (var silo in configured)
        {
            var environment = services.Labels($"{silo}.environment");
            Assert.Equal("changes", environment["Messaging__Relays__0__Name"]);
            Assert.Equal("true", environment["Messaging__Commands__Enabled"]);
            Assert.StartsWith("entities:write:", environment["Messaging__Commands__Scopes__0"], StringComparison.Ordinal);
            Assert.StartsWith("amqps://", environment["ConnectionStrings__RabbitMq"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void the_broker_s_credentials_are_required_variable_references_that_the_example_env_file_names()
    {
        var uri = Yaml.LoadDocuments(OverridePath).Single().Text("services.silo1.environment.ConnectionStrings__RabbitMq")!;
        var userInfo = UserInfo().Match(uri);
        var example = RepositoryFiles.Read("deploy/compose/.env.example");

        Assert.True(userInfo.Success, $"the URI names a user and a password: {uri}");
        Assert.Matches($"^{RequiredVariable()}$", userInfo.Groups["user"].Value);
        Assert.Matches($"^{RequiredVariable()}$", userInfo.Groups["password"].Value);
        Assert.All(RequiredVariable().Matches(uri), reference => Assert.Contains(reference.Groups["name"].Value + "=", example, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+):\?[^}]*\}")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"^amqps://(?<user>\$\{[^}]*\}):(?<password>\$\{[^}]*\})@")]
    private static partial Regex UserInfo();
}
