using Ivr.Storage.Grains.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Hosting;

/// <summary>Checks every incoming grain call's caller token against <c>Security:Callers</c>.</summary>
public static class CallerAuthorizationSiloBuilderExtensions
{
    /// <summary>
    /// Adds the incoming call filter that refuses calls without a valid caller token or beyond the caller's scopes.
    /// Needs the <see cref="Ivr.Storage.Security.Tokens.CallerTokenValidator"/> that <c>UseClusterSecurity</c> registers.
    /// </summary>
    public static ISiloBuilder AddCallerAuthorization(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CallPolicyOptions>();
        builder.Services.AddOptions<CallerAccessOptions>().BindConfiguration(CallerAccessOptions.SectionName);
        builder.AddIncomingGrainCallFilter<CallAuthorizationFilter>();
        return builder;
    }

    /// <summary>Lets any verified caller call <typeparamref name="TGrainInterface"/>, a host's own grain interface (benchmark probes, test grains).</summary>
    public static ISiloBuilder OpenToEveryCaller<TGrainInterface>(this ISiloBuilder builder)
        where TGrainInterface : IAddressable
    {
        return builder.OpenToEveryCaller(typeof(TGrainInterface).FullName!);
    }

    /// <summary>Lets any verified caller call the interface of that full name (one the host cannot name as a type, e.g. the testing host's hooks).</summary>
    public static ISiloBuilder OpenToEveryCaller(this ISiloBuilder builder, string interfaceFullName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(interfaceFullName);
        builder.Services.Configure<CallPolicyOptions>(options => options.OpenInterfaces.Add(interfaceFullName));
        return builder;
    }
}
