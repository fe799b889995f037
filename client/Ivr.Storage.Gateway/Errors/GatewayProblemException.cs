namespace Ivr.Storage.Gateway.Errors;

/// <summary>A request the gateway itself refuses (a header, a media type, a size), before the store is asked.</summary>
internal sealed class GatewayProblemException(int status, string problemType, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    /// <summary>The last part of the problem type URI, e.g. <c>unsupported-media-type</c>.</summary>
    public string ProblemType { get; } = problemType;

    public string Title { get; } = title;
}
