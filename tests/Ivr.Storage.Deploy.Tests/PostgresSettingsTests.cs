using System.Text.RegularExpressions;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// The PostgreSQL settings deploy/local/services.sh writes (memory, WAL, checkpoints, logging) are the ones compose
/// starts its server with, so the benchmark's figures and a compose deployment describe the same server; only the
/// memory-sized values may differ (the script sizes them for the machine, compose for a 4 GB host).
/// </summary>
public sealed partial class PostgresSettingsTests
{
    // Where each side says where it listens, its files and its connection limit: not tuning, and rightly different.
    private static readonly HashSet<string> NotTuning = ["listen_addresses", "port", "unix_socket_directories", "max_connections", "ssl_cert_file", "ssl_key_file"];
    private static readonly HashSet<string> SizedForTheMachine = ["shared_buffers", "effective_cache_size"];

    [Fact]
    public void compose_starts_postgresql_with_every_setting_the_local_script_writes()
    {
        var local = LocalSettings();
        var compose = ComposeSettings();
        Assert.Contains("max_wal_size", local.Keys);
        Assert.Contains("log_checkpoints", local.Keys);
        Assert.Contains("log_lock_waits", local.Keys);
        foreach (var (name, value) in local.Where(setting => !NotTuning.Contains(setting.Key)))
        {
            Assert.True(compose.TryGetValue(name, out var composeValue), $"compose's postgres command sets {name} (services.sh does: {value})");
            if (!SizedForTheMachine.Contains(name))
            {
                Assert.Equal(value.Trim('\''), composeValue);
            }
        }

        Assert.Empty(compose.Keys.Except(local.Keys).Except(NotTuning));
    }

    private static Dictionary<string, string> LocalSettings()
    {
        var script = RepositoryFiles.Read("deploy/local/services.sh");
        var body = ConfHeredoc().Match(script);
        Assert.True(body.Success, "services.sh writes ivr-storage.conf from a here-document");
        return Setting().Matches(body.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
    }

    private static Dictionary<string, string> ComposeSettings()
    {
        var command = Compose.Service("postgres").Strings("command");
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < command.Count - 1; i++)
        {
            if (command[i] == "-c" && command[i + 1].Split('=', 2) is [var name, var value])
            {
                settings[name] = value;
            }
        }

        return settings;
    }

    [GeneratedRegex(@"conf=""\$\(cat <<EOF\n(.*?)\nEOF", RegexOptions.Singleline)]
    private static partial Regex ConfHeredoc();

    [GeneratedRegex(@"^([a-z_]+) = (.+)$", RegexOptions.Multiline)]
    private static partial Regex Setting();
}
