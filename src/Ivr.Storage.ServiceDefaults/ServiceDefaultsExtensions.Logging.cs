using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

public static partial class ServiceDefaultsExtensions
{
    /// <summary>Configuration key choosing the console format: <c>json</c> or <c>simple</c>.</summary>
    public const string LoggingFormatKey = "Logging:Format";

    private static void ConfigureConsoleLogging(this IHostApplicationBuilder builder)
    {
        var format = builder.Configuration[LoggingFormatKey] ?? (builder.Environment.IsDevelopment() ? "simple" : "json");
        // Hosts built without the defaults (tests, the benchmark) would otherwise ignore the Logging section's levels.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Scopes carry the trace and span ids (ActivityTrackingOptions), so a log line can be joined to its trace.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // AddJsonConsole/AddSimpleConsole also select their formatter for the console provider.
        switch (format.ToUpperInvariant())
        {
            case "JSON":
                builder.Logging.AddJsonConsole(options =>
                {
                    options.IncludeScopes = true;
                    options.UseUtcTimestamp = true;
                    options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                break;
            case "SIMPLE":
                builder.Logging.AddSimpleConsole(options =>
                {
                    options.IncludeScopes = false;
                    options.SingleLine = true;
                    options.UseUtcTimestamp = true;
                    options.TimestampFormat = "HH:mm:ss.fff ";
                });
                break;
            default:
                throw new InvalidOperationException($"{LoggingFormatKey} must be 'json' or 'simple', not '{format}'.");
        }
    }
}
