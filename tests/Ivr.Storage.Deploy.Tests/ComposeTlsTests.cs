using System.Text.RegularExpressions;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>deploy/compose encrypts every connection: PostgreSQL and Redis on TLS only, Redis behind an ACL user, Orleans certificates mounted.</summary>
public sealed partial class ComposeTlsTests
{
    private const string TlsDirectory = "/etc/ivr-storage/tls";

    [Fact]
    public void every_connection_string_is_encrypted_and_verifies_the_server_against_a_mounted_ca()
    {
        var checkedStrings = 0;
        foreach (var service in Compose.ServiceNames)
        {
            foreach (var (name, value) in Compose.Environment(service).Where(variable => variable.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                var ca = ConnectionStringExamples.AssertEncrypted($"compose service {service}", name, value);
                checkedStrings++;
                if (ca is not null)
                {
                    Assert.True(Compose.IsInReadOnlyVolume(service, ca), $"{service}: the CA of {name} ({ca}) is in a read-only volume");
                }
                else
                {
                    // StackExchange.Redis trusts what .NET trusts: the CA's directory must be in SSL_CERT_DIR.
                    var directories = Compose.Environment(service).GetValueOrDefault("SSL_CERT_DIR", string.Empty).Split(':');
                    Assert.Contains(directories, directory => Compose.IsInReadOnlyVolume(service, directory + "/ca.crt"));
                }
            }
        }

        Assert.True(checkedStrings >= 6, $"journal and Redis of three silos, migrations, gateway: {checkedStrings} checked");
    }

    [Fact]
    public void redis_listens_on_tls_only_and_admits_only_the_acl_user()
    {
        var redis = Compose.Service("redis");
        var command = redis.Strings("command");
        Assert.Equal("0", ArgumentAfter(command, "--port"));
        Assert.Equal("6379", ArgumentAfter(command, "--tls-port"));
        Assert.All(new[] { "--tls-cert-file", "--tls-key-file", "--tls-ca-cert-file" }, option => Assert.True(Compose.IsInReadOnlyVolume("redis", ArgumentAfter(command, option)), $"{option} in a read-only volume"));

        // The entry point writes the ACL file the command loads: default user off, one user with a password hash.
        var aclFile = ArgumentAfter(command, "--aclfile");
        var script = RepositoryFiles.Read($"{Compose.Directory}/redis/acl.sh");
        Assert.Contains(redis.Strings("entrypoint"), argument => argument.EndsWith("/acl.sh", StringComparison.Ordinal));
        Assert.Equal(aclFile, AclFileOfScript().Match(script).Groups["path"].Value);
        Assert.Contains("user default off", script, StringComparison.Ordinal);
        Assert.Matches(@"user ivr-storage on #%s [^\n]*-@admin -@dangerous", script);
        Assert.Matches(RequiredVariable(), Compose.Environment("redis")["IVR_REDIS_PASSWORD"]);
    }

    [Fact]
    public void postgresql_runs_with_ssl_and_refuses_plain_tcp_connections()
    {
        var command = Compose.Service("postgres").Strings("command");
        Assert.Contains("ssl=on", command);
        Assert.True(Compose.IsInReadOnlyVolume("postgres", ArgumentAfter(command, "ssl_key_file", '=')), "the key is in a read-only volume");
        var initScripts = Directory.GetFiles(RepositoryFiles.PathOf($"{Compose.Directory}/initdb"), "*.sh").Select(File.ReadAllText);
        Assert.Contains(initScripts, script => script.Contains("hostnossl all all all reject", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo1", "Orleans")]
    [InlineData("silo2", "Orleans")]
    [InlineData("silo3", "Orleans")]
    [InlineData("gateway", "IvrStorage")]
    public void silos_and_the_gateway_read_their_orleans_certificate_from_a_read_only_volume(string service, string section)
    {
        var environment = Compose.Environment(service);
        foreach (var (setting, file) in new[] { ("CertificatePath", "tls.crt"), ("KeyPath", "tls.key"), ("CaPath", "ca.crt") })
        {
            Assert.Equal($"{TlsDirectory}/{file}", environment.GetValueOrDefault($"{section}__Tls__{setting}"));
        }

        Assert.Contains(Compose.Volumes(service), volume => volume.Target == TlsDirectory && volume.ReadOnly);
    }

    private static string ArgumentAfter(IReadOnlyList<string> command, string option, char separator = ' ')
    {
        if (separator == ' ')
        {
            var index = command.ToList().IndexOf(option);
            Assert.True(index >= 0 && index + 1 < command.Count, $"the command has {option} <value>");
            return command[index + 1];
        }

        var argument = command.SingleOrDefault(item => item.StartsWith(option + separator, StringComparison.Ordinal));
        Assert.True(argument is not null, $"the command sets {option}");
        return argument[(option.Length + 1)..];
    }

    [GeneratedRegex(@"^acl=(?<path>\S+)$", RegexOptions.Multiline)]
    private static partial Regex AclFileOfScript();

    [GeneratedRegex(@"^\$\{[A-Z0-9_]+:\?[^}]*\}$")]
    private static partial Regex RequiredVariable();
}
