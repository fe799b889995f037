using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Ivr.Storage.ServiceDefaults.Hosting;

/// <summary>
/// First in every pipeline (a startup filter runs before the host's own middleware): with a management port
/// configured, the management paths answer 404 on every other port, and every other path answers 404 on the
/// management port, before authentication, rate limiting or routing see the request.
/// </summary>
internal sealed class ManagementPortFilter(IConfiguration configuration) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (ManagementPort.Port(configuration) is { } port)
        {
            app.Use((context, nextMiddleware) =>
            {
                var onManagementPort = context.Connection.LocalPort == port;
                if (onManagementPort == ManagementPort.IsManagementPath(context.Request.Path))
                {
                    return nextMiddleware(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }

        next(app);
    };
}
