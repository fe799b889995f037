using Ivr.Storage.SampleWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Configuration: appsettings.json, then environment variables (IvrStorage__ClusterId, ConnectionStrings__Redis, ...),
// then the command line (--IvrStorage:ClusterId=...). The Redis connection string is all the client needs to find the cluster.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddIvrStorageClient(builder.Configuration);
builder.Services.AddHostedService<CallSessionWalkthrough>();
await builder.Build().RunAsync();
