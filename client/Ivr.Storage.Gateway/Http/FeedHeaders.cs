using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Http;

/// <summary>
/// Feed positions in response headers: a write's <c>X-Feed-Position</c> is what a caller passes as <c>minPosition</c>
/// to read its own write from the read model; every query answer says in <c>X-Read-Model-Position</c> what it reflects.
/// </summary>
internal static class FeedHeaders
{
    public const string FeedPosition = "X-Feed-Position";
    public const string ReadModelPosition = "X-Read-Model-Position";

    public static void SetFeedPosition(HttpResponse response, WriteResult result)
    {
        // An idempotent replay answered without the journal's transaction id has no position to give.
        if (result.FeedPosition is { } position)
        {
            response.Headers[FeedPosition] = position.ToString();
        }
    }

    public static string SetReadModelPosition(HttpResponse response, Contracts.FeedPosition position)
    {
        var text = position.ToString();
        response.Headers[ReadModelPosition] = text;
        return text;
    }
}
