using System.Text.RegularExpressions;
using Npgsql;
using StackExchange.Redis;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// Checks an example connection string with the parser its host uses: Redis (StackExchange.Redis) must use TLS and an
/// ACL user with a password; PostgreSQL (Npgsql) must verify the server's certificate and name (SSL Mode=VerifyFull)
/// against a named CA file; RabbitMQ must use amqps with a user and password. The kind is told by the setting's name.
/// </summary>
internal static partial class ConnectionStringExamples
{
    public static bool IsRedis(string name) => name.Contains("redis", StringComparison.OrdinalIgnoreCase);

    public static bool IsRabbitMq(string name) => name.Contains("rabbitmq", StringComparison.OrdinalIgnoreCase);

    /// <summary>Asserts the string is encrypted and verified; returns the CA file a PostgreSQL string names (null for Redis and RabbitMQ).</summary>
    public static string? AssertEncrypted(string where, string name, string value)
    {
        if (IsRabbitMq(name))
        {
            // RabbitMQ.Client reads an AMQP URI: amqps is TLS with the server's certificate checked for the URI's host.
            // Matched as text: the examples' placeholders (<rabbitmq-host>) are no valid URI.
            Assert.True(AmqpsWithCredentials().IsMatch(value), $"{where}: RabbitMQ connection string {name} is amqps://user:password@host…");
            return null;
        }

        if (IsRedis(name))
        {
            var redis = ConfigurationOptions.Parse(value);
            Assert.True(redis.Ssl, $"{where}: Redis connection string {name} sets ssl=true");
            Assert.False(string.IsNullOrEmpty(redis.SslHost), $"{where}: Redis connection string {name} names the host its certificate must carry (sslHost)");
            Assert.False(string.IsNullOrEmpty(redis.User), $"{where}: Redis connection string {name} names an ACL user");
            Assert.False(string.IsNullOrEmpty(redis.Password), $"{where}: Redis connection string {name} has a password");
            return null;
        }

        var postgres = new NpgsqlConnectionStringBuilder(value);
        Assert.True(postgres.SslMode == SslMode.VerifyFull, $"{where}: PostgreSQL connection string {name} has SSL Mode=VerifyFull (is {postgres.SslMode})");
        Assert.False(string.IsNullOrEmpty(postgres.RootCertificate), $"{where}: PostgreSQL connection string {name} names the CA (Root Certificate)");
        Assert.StartsWith("/", postgres.RootCertificate, StringComparison.Ordinal);
        return postgres.RootCertificate;
    }

    /// <summary>The Host of a PostgreSQL string or the sslHost of a Redis string: the name the server's certificate must carry.</summary>
    public static string VerifiedHost(string name, string value) =>
        (IsRedis(name) ? ConfigurationOptions.Parse(value).SslHost : new NpgsqlConnectionStringBuilder(value).Host)
            ?? throw new Xunit.Sdk.XunitException($"{name} names no host");

    [GeneratedRegex(@"^amqps://[^:@/]+:[^@/]+@[^:/@]+(:[0-9]+)?/")]
    private static partial Regex AmqpsWithCredentials();
}
