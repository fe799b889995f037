using System.CommandLine;
using Ivr.Storage.Silo.Commands;

var instance = new Option<int>("--instance")
{
    Description = "Development: run the Nth silo on this machine. Adds N to the silo, gateway and HTTP ports so several silos can share one host.",
    DefaultValueFactory = _ => 0,
};

var root = new RootCommand("IVR.Storage silo: hosts the entity grains. Any further --Section:Key=value arguments override configuration.")
{
    TreatUnmatchedTokensAsErrors = false,
};
root.Options.Add(instance);
root.SetAction((parse, _) => SiloCommand.RunAsync([.. parse.UnmatchedTokens], parse.GetValue(instance)));

var migrate = new Command("migrate", "Apply the database migrations (ConnectionStrings:Migrations, an owner role) and exit.")
{
    TreatUnmatchedTokensAsErrors = false,
};
migrate.SetAction((parse, cancellationToken) => MigrateCommand.RunAsync([.. parse.UnmatchedTokens], cancellationToken));
root.Subcommands.Add(migrate);

// The host handles SIGINT/SIGTERM itself (graceful silo shutdown); System.CommandLine must not race it.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
