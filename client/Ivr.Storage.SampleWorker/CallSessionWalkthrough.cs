using System.Diagnostics;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Hosting;

namespace Ivr.Storage.SampleWorker;

/// <summary>
/// Walks one call session through the store with nothing but <see cref="IEntityStore"/>, printing each step,
/// then stops the host. Every step is one line of client code.
/// </summary>
internal sealed class CallSessionWalkthrough(IEntityStore store, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (EntityStoreException exception)
        {
            Console.Error.WriteLine($"The store refused: {exception.GetType().Name}: {exception.Message}");
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // The client stamps this trace id on every write as its correlation id.
        using var activity = new Activity("call-session-walkthrough").SetIdFormat(ActivityIdFormat.W3C).Start();
        var key = EntityKey.Create("call-session", $"sample/{Guid.NewGuid():N}");
        Console.WriteLine($"Entity {key} (correlation id {activity.TraceId})");

        var created = await store.PutAsync(key, new CallSession("+4930123456", "ringing"), cancellationToken: cancellationToken);
        Console.WriteLine($"put    -> version {created.Version}, hash {created.Hash[..12]}…");

        var answered = await store.PatchAsync(key, """{"state":"answered","agent":"ann"}""",
            new EntityWriteOptions { Expected = ExpectedVersion.Exactly(created.Version), Reason = "agent picked up" }, cancellationToken);
        Console.WriteLine($"patch  -> version {answered.Version} (expected version {created.Version} held)");

        var transferred = await store.PatchAsync(key, new { agent = "bob", transfers = 1 }, cancellationToken: cancellationToken);
        Console.WriteLine($"patch  -> version {transferred.Version}");

        var current = await store.GetAsync(key, cancellationToken);
        Console.WriteLine($"get    -> {current.Payload} as {current.PayloadAs<CallSession>()}");

        Console.WriteLine("history:");
        await foreach (var record in store.GetHistoryAsync(key, new HistoryQuery { PageSize = 2 }, cancellationToken))
        {
            Console.WriteLine($"  v{record.Version} {record.Kind,-6} {record.CommittedAt:O} by {record.Provenance.Source} ({record.Provenance.Reason ?? "no reason"})");
        }

        var diff = await store.DiffAsync(key, 1, transferred.Version, cancellationToken);
        Console.WriteLine($"diff   v1 -> v{diff.ToVersion}: {diff.Patch}");

        var verification = await store.VerifyAsync(key, cancellationToken);
        Console.WriteLine($"verify -> {(verification.IsValid ? "valid" : "INVALID: " + verification.Problem)}, {verification.VersionsChecked} versions checked");
    }
}
