using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Silo.Tests;

/// <summary>Forwarders of this test process in front of the shared PostgreSQL and Redis, with the connection strings that go through them.</summary>
internal static class ServiceForwarders
{
    /// <summary>A forwarder to PostgreSQL and the journal connection string rewritten to use it.</summary>
    public static (LoopbackTcpForwarder Forwarder, string ConnectionString) ForJournal()
    {
        var journal = new NpgsqlConnectionStringBuilder(TestServices.JournalConnectionString);
        var forwarder = new LoopbackTcpForwarder(journal.Host!, journal.Port);
        journal.Host = "127.0.0.1";
        journal.Port = forwarder.Port;
        return (forwarder, journal.ConnectionString);
    }

    /// <summary>A forwarder to Redis and the connection string that uses it.</summary>
    public static (LoopbackTcpForwarder Forwarder, string ConnectionString) ForRedis()
    {
        var endpoint = StackExchange.Redis.ConfigurationOptions.Parse(TestServices.RedisConnectionString).EndPoints.Single();
        var (host, port) = endpoint switch
        {
            System.Net.DnsEndPoint dns => (dns.Host, dns.Port),
            System.Net.IPEndPoint address => (address.Address.ToString(), address.Port),
            _ => throw new InvalidOperationException($"unexpected Redis endpoint {endpoint}"),
        };
        var forwarder = new LoopbackTcpForwarder(host, port);
        return (forwarder, $"127.0.0.1:{forwarder.Port}");
    }
}
