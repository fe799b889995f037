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

    /// <summary>A forwarder to Redis and the client options (user, password, TLS trust) that go through it.</summary>
    public static (LoopbackTcpForwarder Forwarder, StackExchange.Redis.ConfigurationOptions Options) ForRedis()
    {
        var options = TestServices.RedisOptions();
        var endpoint = options.EndPoints.Single();
        var (host, port) = endpoint switch
        {
            System.Net.DnsEndPoint dns => (dns.Host, dns.Port),
            System.Net.IPEndPoint address => (address.Address.ToString(), address.Port),
            _ => throw new InvalidOperationException($"unexpected Redis endpoint {endpoint}"),
        };
        var forwarder = new LoopbackTcpForwarder(host, port);
        // The same user, password and TLS, only through the forwarder.
        options.EndPoints.Clear();
        options.EndPoints.Add("127.0.0.1", forwarder.Port);
        return (forwarder, options);
    }
}
