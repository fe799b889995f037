using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>Invariants of deploy/compose/compose.yaml: the services, their order of start, and no committed secrets.</summary>
public sealed partial class ComposeTests
{
    private static YamlMappingNode Services => Compose.Services;

    private static IEnumerable<string> SiloNames => Compose.SiloNames;

    private static YamlMappingNode Service(string name) => Compose.Service(name);

    [Fact]
    public void compose_runs_postgres_redis_migrate_three_silos_and_the_gateway()
    {
        var names = Services.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToHashSet();
        Assert.Superset(new HashSet<string> { "postgres", "redis", "migrate", "gateway" }, names);
        Assert.Equal(3, SiloNames.Count());
        Assert.Equal(["migrate"], Service("migrate").Strings("command"));
        Assert.Equal("silo", Service("migrate").Text("build.target"));
        Assert.Equal("gateway", Service("gateway").Text("build.target"));
    }

    [Fact]
    public void silos_start_after_the_migration_completed_and_each_advertises_its_own_address()
    {
        var addresses = new HashSet<string>();
        foreach (var silo in SiloNames)
        {
            Assert.Equal("service_completed_successfully", Service(silo).Text("depends_on.migrate.condition"));
            Assert.Equal(Service("migrate").Text("image"), Service(silo).Text("image"));
            var address = Service(silo).Text("environment.Orleans__AdvertisedAddress");
            Assert.Equal(silo, address);
            addresses.Add(address!);
            Assert.NotNull(Service(silo).Text("environment.ConnectionStrings__Journal"));
            Assert.NotNull(Service(silo).Text("environment.ConnectionStrings__Redis"));
            Assert.Equal(Service("silo1").Text("environment.Orleans__ClusterId"), Service(silo).Text("environment.Orleans__ClusterId"));
        }

        Assert.Equal(3, addresses.Count);
        Assert.Equal("service_healthy", Service("migrate").Text("depends_on.postgres.condition"));
    }

    [Fact]
    public void only_silo1_publishes_the_dashboard_and_only_on_loopback()
    {
        var published = Service("silo1").Strings("ports");
        Assert.Contains("127.0.0.1:8080:8080", published);
        Assert.All(SiloNames.Where(name => name != "silo1"), silo => Assert.Empty(Service(silo).Strings("ports")));
        foreach (var name in Services.Children.Keys.Select(key => ((YamlScalarNode)key).Value!))
        {
            Assert.All(Service(name).Strings("ports"), port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
        }

        // Probes and /metrics are on the management port, which is not published.
        Assert.All(SiloNames.Append("gateway"), name => Assert.Equal("http://0.0.0.0:9090", Service(name).Text("environment.Management__Url")));
        Assert.All(Service("silo1").Strings("ports"), port => Assert.DoesNotContain(":9090", port, StringComparison.Ordinal));

        // Http__Url is not loopback inside the container, so the silo demands these credentials for the dashboard.
        Assert.Matches(RequiredVariable(), Service("silo1").Text("environment.Dashboard__PasswordHash")!);
    }

    [Fact]
    public void every_secret_is_a_required_variable_reference_and_the_example_env_file_names_them_all()
    {
        var compose = Compose.Document;
        // Npgsql's Password= and StackExchange.Redis's password= alike.
        var secretValues = compose.Scalars().Where(scalar => scalar.Path.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || scalar.Path.Contains("PasswordHash", StringComparison.Ordinal) || scalar.Path.EndsWith("Sha256", StringComparison.Ordinal) || scalar.Value.Contains("Password=", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(secretValues);
        foreach (var (path, value) in secretValues)
        {
            var password = PasswordInConnectionString().Match(value);
            var secret = password.Success ? password.Groups["value"].Value : value;
            var reference = RequiredVariable().Match(secret);
            Assert.True(reference.Success && reference.Length == secret.Length, $"{path} is a ${{VAR:?}} reference, not a literal: {value}");
        }

        var example = RepositoryFiles.Read("deploy/compose/.env.example");
        var referenced = compose.Scalars().SelectMany(scalar => RequiredVariable().Matches(scalar.Value)).Select(match => match.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.Contains(name + "=", example, StringComparison.Ordinal));

        Assert.Contains("deploy/compose/.env", RepositoryFiles.Read(".gitignore"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+):\?[^}]*\}")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"Password=(?<value>[^;,]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInConnectionString();
}
