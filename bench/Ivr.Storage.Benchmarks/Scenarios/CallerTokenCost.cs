using System.Diagnostics;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Silo;
using Ivr.Storage.Security.Certificates;
using Ivr.Storage.Security.Tokens;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// What a caller token adds to one grain call, measured in this process on one thread: the client's issuer handing
/// out its current token, the token's bytes in the request context serialized and read back, and the silo's check of a
/// token it has seen before (the first check, a certificate chain and a signature, is timed apart: it happens once
/// per token, every few minutes). A silo without the call filter cannot be measured end to end without a switch in
/// the application that turns authorization off, which the bench does not add.
/// </summary>
internal static class CallerTokenCost
{
    public static async Task<Measurement> MeasureAsync(BenchSession session, int iterations)
    {
        var issuer = session.ClientServices.GetRequiredService<CallerTokenIssuer>();
        var serializer = session.ClientServices.GetRequiredService<Serializer>();
        var validator = new CallerTokenValidator(ClusterCertificates.Load(TestCertificates.Shared.Silo()).Validator, BenchSiloHost.ServiceId);
        var token = issuer.Current;
        var first = Stopwatch.StartNew();
        if ((await validator.ValidateAsync(token)).Caller is null)
        {
            throw new InvalidOperationException("the bench client's caller token does not validate");
        }

        var firstCheckMs = first.Elapsed.TotalMilliseconds;
        var withToken = new Dictionary<string, object> { ["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" };
        var withoutToken = new Dictionary<string, object>(withToken);
        withToken[CallerToken.RequestContextKey] = token;
        var extraBytes = serializer.SerializeToArray(withToken).Length - serializer.SerializeToArray(withoutToken).Length;

        // The best of seven runs of each loop (the least disturbed by other work), alternating; the cost is their difference.
        var (with, without) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var attempt = 0; attempt < 7; attempt++)
        {
            with = Min(with, await LoopAsync(iterations, serializer, withToken, issuer, validator));
            without = Min(without, await LoopAsync(iterations, serializer, withoutToken, null, null));
        }

        return new Measurement($"caller token: {extraBytes:N0} B/call, first check {firstCheckMs:0.0} ms", 1, iterations, with.TotalSeconds, 0, 0, 0)
        {
            CpuMicrosecondsPerOperation = Math.Max((with - without).TotalMicroseconds / iterations, 0),
        };
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task<TimeSpan> LoopAsync(int iterations, Serializer serializer, Dictionary<string, object> context, CallerTokenIssuer? issuer, CallerTokenValidator? validator)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            if (issuer is not null)
            {
                context[CallerToken.RequestContextKey] = issuer.Current;
            }

            var received = serializer.Deserialize<Dictionary<string, object>>(serializer.SerializeToArray(context));
            if (validator is not null && (await validator.ValidateAsync((string)received![CallerToken.RequestContextKey])).Caller is null)
            {
                throw new InvalidOperationException("a known caller token was refused");
            }
        }

        return clock.Elapsed;
    }
}
