using System.Globalization;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Gateway.WebConsole.Components;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>
/// <c>/console/entities/{type}/{id}</c>: current state, one timeline page (keyset cursor), and what the URL asks for:
/// <c>?v=n</c> one version, <c>?v=a..b</c> a diff, <c>?asOf=</c> the state then, <c>?verify=true</c> the chain check.
/// </summary>
internal static class EntityEndpoints
{
    public static async Task<IResult> PageAsync(
        HttpContext context,
        IEntityStore store,
        IOptions<ConsoleOptions> options,
        TimeProvider time,
        [FromQuery] string? cursor,
        [FromQuery] string? order,
        [FromQuery] string? v,
        [FromQuery] string? asOf,
        [FromQuery] string? verify,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var key = EntityRoute.Key(context);
        var oldestFirst = order is "asc";
        var timeline = await store.GetHistoryPageAsync(key, new HistoryQuery
        {
            PageSize = options.Value.TimelinePageSize,
            NewestFirst = !oldestFirst,
            Cursor = string.IsNullOrEmpty(cursor) ? null : cursor,
        }, cancellationToken);
        var (from, to) = VersionRange(v);
        var view = new EntityView
        {
            Key = key,
            Timeline = timeline,
            Cursor = string.IsNullOrEmpty(cursor) ? null : cursor,
            OldestFirst = oldestFirst,
            CanRevert = EntityScopes.AllowsAdmin(context.User, key.Type),
            Selected = from is { } single && to is null ? await store.GetVersionAsync(key, single, cancellationToken) : null,
            Diff = from is { } a && to is { } b ? await DiffAsync(store, key, a, b, cancellationToken) : null,
            AsOf = string.IsNullOrEmpty(asOf) ? null : await AsOfAsync(store, key, QueryArguments.Instant(asOf, "asOf"), cancellationToken),
            Verification = QueryArguments.OptionalBool(verify, "verify") ? await store.VerifyAsync(key, cancellationToken) : null,
        };
        view = await WithStateAsync(store, view, cancellationToken);
        view.ServerMilliseconds = time.GetElapsedTime(started).TotalMilliseconds;
        context.Response.Headers["Server-Timing"] = $"app;dur={view.ServerMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)}";
        return ConsolePages.Page<EntityPage>(new Dictionary<string, object?>
        {
            [nameof(EntityPage.User)] = context.User.Identity?.Name,
            [nameof(EntityPage.View)] = view,
        });
    }

    private static async Task<EntityView> WithStateAsync(IEntityStore store, EntityView view, CancellationToken cancellationToken)
    {
        try
        {
            return view with { State = await store.GetAsync(view.Key, cancellationToken) };
        }
        catch (EntityDeletedException deleted)
        {
            return view with { DeletedVersion = deleted.DeletedVersion };
        }
    }

    public static async Task<(VersionRecord, VersionRecord, string)> DiffAsync(IEntityStore store, EntityKey key, long from, long to, CancellationToken cancellationToken)
    {
        var left = await store.GetVersionAsync(key, from, cancellationToken);
        var right = await store.GetVersionAsync(key, to, cancellationToken);
        var diff = await store.DiffAsync(key, from, to, cancellationToken);
        return (left, right, ConsoleJson.Pretty(diff.Patch));
    }

    private static async Task<(DateTimeOffset, VersionRecord?, string?)> AsOfAsync(IEntityStore store, EntityKey key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            return (at, await store.GetAsOfAsync(key, at, cancellationToken), null);
        }
        catch (EntityNotFoundException)
        {
            return (at, null, "The entity did not exist yet at that time.");
        }
        catch (EntityDeletedException deleted)
        {
            return (at, null, $"The entity was deleted at that time (version {deleted.DeletedVersion}).");
        }
    }

    /// <summary><c>n</c> (one version) or <c>a..b</c> (a diff), as in <c>?v=3..7</c>.</summary>
    private static (long? From, long? To) VersionRange(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (null, null);
        }

        var parts = value.Split("..", 2);
        var from = QueryArguments.RequiredVersion(parts[0], "v");
        if (parts.Length == 1)
        {
            return (from, null);
        }

        return (from, QueryArguments.RequiredVersion(parts[1], "v"));
    }
}
