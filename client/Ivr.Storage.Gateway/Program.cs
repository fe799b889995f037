using System.Diagnostics;
using System.Text.Json.Serialization;
using Ivr.Storage.Gateway;
using Ivr.Storage.Gateway.Api;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Health;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.OpenApi;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Gateway.WebConsole;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// Readiness (/health/ready, like the silo's; /alive is liveness) asks the cluster, which reads the journal: the gateway has no
// database credentials. With Management:Url set, both and /metrics are served on that port only.
builder.Services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster", tags: [ServiceDefaultsExtensions.ReadyTag]);

builder.Services.AddOptions<HttpGatewayOptions>().BindConfiguration(HttpGatewayOptions.SectionName)
    .Validate(options => options.MaxRequestBodyBytes > 0 && options.WritesPerMinute > 0 && options.ReadsPerMinute > 0 && options.UnavailableRetryAfterSeconds > 0
            && options.ChangeStreamPollInterval > TimeSpan.Zero && options.MinPositionWaitsPerCaller > 0,
        "Gateway:MaxRequestBodyBytes, WritesPerMinute, ReadsPerMinute, UnavailableRetryAfterSeconds, ChangeStreamPollInterval and MinPositionWaitsPerCaller must be positive.")
    .Validate(options => options.MaxChangeStreamsPerCaller > 0 && options.ChangeStreamMaxLifetime > TimeSpan.Zero && options.ChangeStreamCredentialCheckInterval > TimeSpan.Zero,
        "Gateway:MaxChangeStreamsPerCaller, ChangeStreamMaxLifetime and ChangeStreamCredentialCheckInterval must be positive.")
    .ValidateOnStart();
builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpGatewayOptions>>((kestrel, gateway) =>
    kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);
builder.Services.AddIvrStorageClient(builder.Configuration);

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier);
builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));

builder.Services.AddGatewaySecurity();
builder.Services.AddGatewayRateLimiting();
builder.Services.AddSingleton<MinPositionWaits>();
builder.Services.AddSingleton<ChangeStreamLimiter>();
builder.Services.AddWebConsole();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<SecuritySchemesTransformer>());

var app = builder.Build();
DevelopmentCredentials.RefuseOnPublicListeners(app.Configuration);

// First, so that every log line of a request (the unhandled-error log included) carries its correlation id.
app.UseMiddleware<RequestCorrelation>();
app.UseExceptionHandler();
// 401, 403, 404 and 405 without a body get a problem body too.
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
// Validates the antiforgery token of form posts (the console's); the API takes no forms.
app.UseAntiforgery();

// The API description and its browsable reference are public: they describe the API, they expose no data.
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapDefaultEndpoints();
app.MapEntitiesApi();
app.MapChangesApi();
app.MapQueriesApi();
app.MapWebConsole();
app.MapSchemasApi();
app.MapAuditApi();
app.MapCorrelationsApi();
app.MapCausationsApi();

await app.RunAsync();

/// <summary>The gateway's entry point; public so integration tests can host it.</summary>
public partial class Program;
