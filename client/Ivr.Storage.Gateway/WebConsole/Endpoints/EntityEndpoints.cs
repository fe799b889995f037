using System.Globalization;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Gateway.WebConsole.Audit;
using Ivr.Storage.Gateway.WebConsole.Components;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>
/// <c>/console/entities/{type}/{id}</c>: current state, one timeline page (keyset cursor), and what the URL asks for:
/// <c>?v=n</c> one version, <c>?v=a..b</c> a diff, <c>?asOf=</c> the state then, <c>?verify=true</c> the chain check
/// and the inclusion proof of the shown version (<c>?v=n</c>, else the latest) against the latest signed head.
/// </summary>
internal static class EntityEndpoints
{
    public static async Task<IResult> PageAsync(
        HttpContext context,
        IEntityStore store,
        IAuditLog log,
        ConsoleAuditKeys keys,
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
            PayloadChars = options.Value.PayloadCharsShown,
            Selected = from is { } single && to is null ? await store.GetVersionAsync(key, single, cancellationToken) : null,
            Diff = from is { } a && to is { } b ? await DiffAsync(store, key, a, b, options.Value, cancellationToken) : null,
            AsOf = string.IsNullOrEmpty(asOf) ? null : await AsOfAsync(store, key, QueryArguments.Instant(asOf, "asOf"), cancellationToken),
            Verification = QueryArguments.OptionalBool(verify, "verify") ? await store.VerifyAsync(key, cancellationToken) : null,
        };
        view = await WithStateAsync(store, view, cancellationToken);
        if (view.Verification is not null && (view.Selected?.Version ?? view.State?.Version ?? view.DeletedVersion) is { } shown)
        {
            var record = view.Selected ?? await store.GetVersionAsync(key, shown, cancellationToken);
            view = view with { Proof = await ProofCheck.CheckAsync(log, keys, record, cancellationToken) };
        }

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

    /// <summary>Both versions and the patch between them, cut to what a page can render (<see cref="DiffExcerpt"/>).</summary>
    public static async Task<DiffExcerpt> DiffAsync(IEntityStore store, EntityKey key, long from, long to, ConsoleOptions options, CancellationToken cancellationToken)
    {
        var left = await store.GetVersionAsync(key, from, cancellationToken);
        var right = await store.GetVersionAsync(key, to, cancellationToken);
        var diff = await store.DiffAsync(key, from, to, cancellationToken);
        return DiffExcerpt.Create(left, right, diff.Patch, options);
    }

    /// <summary><c>/console/entities/{type}/{id}/patch?v=a..b</c>: the whole JSON Patch of a diff, as a file.</summary>
    public static async Task<IResult> PatchAsync(HttpContext context, IEntityStore store, [FromQuery] string? v, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        if (VersionRange(v) is not (long from, long to))
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "v", $"Name the two versions to compare as ?v=a..b; got '{v}'.");
        }

        var diff = await store.DiffAsync(key, from, to, cancellationToken);
        var name = $"{key.Type}-v{from}-v{to}.json-patch.json";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(diff.Patch), "application/json-patch+json", name);
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
