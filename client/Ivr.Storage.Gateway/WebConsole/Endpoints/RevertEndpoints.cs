using System.Diagnostics;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Gateway.WebConsole.Components;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>
/// Revert to version n (admin scope): a confirmation page that shows the diff from the current version first, then a
/// form POST with a reason (required) and the antiforgery token. The write expects the version the confirmation showed
/// (someone else's write in between is a conflict, not silently overwritten) and carries an idempotency key from the
/// confirmation, so submitting twice reverts once.
/// </summary>
internal static class RevertEndpoints
{
    public static async Task<IResult> ConfirmAsync(HttpContext context, IEntityStore store, string version, CancellationToken cancellationToken) =>
        await PageAsync(context, store, QueryArguments.RequiredVersion(version, "version"), error: null, StatusCodes.Status200OK, cancellationToken);

    public static async Task<IResult> RevertAsync(
        HttpContext context,
        IEntityStore store,
        string version,
        [FromForm] string? reason,
        [FromForm] string? expected,
        [FromForm] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var target = QueryArguments.RequiredVersion(version, "version");
        if (string.IsNullOrWhiteSpace(reason))
        {
            return await PageAsync(context, store, target, "A reason is required: it is recorded with the new version.", StatusCodes.Status400BadRequest, cancellationToken);
        }

        var name = CallerIdentity.Name(context.User);
        var written = await store.RevertAsync(key, target, new EntityWriteOptions
        {
            Expected = ExpectedVersion.Exactly(QueryArguments.RequiredVersion(expected, "expected")),
            IdempotencyKey = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey,
            Source = "ivr-storage-console",
            Actor = name,
            Reason = reason.Trim(),
            CorrelationId = Activity.Current?.TraceId.ToHexString(),
        }, cancellationToken);
        return TypedResults.Redirect(ConsoleUrls.Entity(key, $"?v={written.Version}"));
    }

    private static async Task<IResult> PageAsync(HttpContext context, IEntityStore store, long target, string? error, int status, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var current = await store.GetAsync(key, cancellationToken);
        var options = context.RequestServices.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        var diff = await EntityEndpoints.DiffAsync(store, key, current.Version, target, options, cancellationToken);
        return ConsolePages.Page<RevertPage>(new Dictionary<string, object?>
        {
            [nameof(RevertPage.User)] = context.User.Identity?.Name,
            [nameof(RevertPage.Key)] = key,
            [nameof(RevertPage.Diff)] = diff,
            [nameof(RevertPage.Error)] = error,
            [nameof(RevertPage.IdempotencyKey)] = Guid.NewGuid().ToString("N"),
        }, status);
    }
}
