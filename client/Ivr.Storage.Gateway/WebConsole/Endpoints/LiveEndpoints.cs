using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.WebConsole.Components;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>
/// Live: the change feed tailing in the page. The events come from the API's own stream handler, mapped under
/// <c>/console/live/stream</c> for the session cookie (same scope filtering, same per-caller stream limit); the status
/// fragment gives the feed horizon and the read model's position, which the page polls to show the read model's lag.
/// </summary>
internal static class LiveEndpoints
{
    public static async Task<IResult> PageAsync(HttpContext context, IChangeFeed feed, IReadModel readModel, CancellationToken cancellationToken)
    {
        var status = await StatusOfAsync(feed, readModel, cancellationToken);
        return ConsolePages.Page<LivePage>(new Dictionary<string, object?>
        {
            [nameof(LivePage.User)] = context.User.Identity?.Name,
            [nameof(LivePage.Status)] = status,
        });
    }

    public static async Task<IResult> StatusAsync(IChangeFeed feed, IReadModel readModel, CancellationToken cancellationToken) =>
        TypedResults.Ok(await StatusOfAsync(feed, readModel, cancellationToken));

    public static async Task<LiveStatus> StatusOfAsync(IChangeFeed feed, IReadModel readModel, CancellationToken cancellationToken)
    {
        var horizon = await feed.GetHorizonAsync(cancellationToken);
        var readModelPosition = (await readModel.GetStatisticsAsync(cancellationToken: cancellationToken)).Position;
        return new LiveStatus(horizon.ToString(), readModelPosition.ToString(), readModelPosition >= horizon);
    }
}
