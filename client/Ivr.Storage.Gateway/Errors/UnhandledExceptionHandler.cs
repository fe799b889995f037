using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Errors;

/// <summary>
/// The last resort: a bug or an unexpected failure becomes a generic 500 problem. The exception is logged, never
/// sent: no stack trace, no SQL, no type names reach the caller.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, IOptions<HttpGatewayOptions> options, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Errors raised outside an endpoint's filter (e.g. Kestrel's body limit while binding) still get their proper status.
        if (!EntityProblems.TryCreate(exception, options.Value, out var problem))
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = EntityProblems.Problem(StatusCodes.Status500InternalServerError, "internal-error", "An unexpected error occurred", "The gateway failed to process the request. Quote the traceId when reporting it.");
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
