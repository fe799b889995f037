using Ivr.Storage.Client;
using Ivr.Storage.Gateway.Api;
using Ivr.Storage.Gateway.WebConsole.Components;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary><c>/console/correlations?id=</c>: the versions sharing a correlation id, of the types the caller may read (as the API's <c>/correlations/versions</c>).</summary>
internal static class CorrelationPageEndpoints
{
    public static async Task<IResult> PageAsync(
        HttpContext context,
        ICorrelationReader reader,
        IOptions<ConsoleOptions> options,
        [FromQuery] string? id,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken)
    {
        var query = CorrelationEndpoints.Query(context.User, id, options.Value.ListPageSize, cursor);
        var page = await CorrelationEndpoints.ReadAsync(reader, query, cancellationToken);
        return ConsolePages.Page<CorrelationPage>(new Dictionary<string, object?>
        {
            [nameof(CorrelationPage.User)] = context.User.Identity?.Name,
            [nameof(CorrelationPage.Query)] = query,
            [nameof(CorrelationPage.Page)] = page,
        });
    }
}
