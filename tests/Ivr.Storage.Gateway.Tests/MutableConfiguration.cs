using Microsoft.Extensions.Configuration;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>A configuration source a test changes while the gateway runs; a change reloads as an edited settings file would.</summary>
public sealed class MutableConfiguration : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public MutableConfiguration With(string key, string value)
    {
        Data[key] = value;
        return this;
    }

    /// <summary>Removes every key under <paramref name="section"/> and signals the reload.</summary>
    public void RemoveSection(string section)
    {
        foreach (var key in Data.Keys.Where(key => key.StartsWith(section + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Data.Remove(key);
        }

        OnReload();
    }
}
