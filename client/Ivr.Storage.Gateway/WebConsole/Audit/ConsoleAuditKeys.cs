using Ivr.Storage.Audit.Heads;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Audit;

/// <summary>The public keys of <see cref="ConsoleOptions.AuditPublicKeyFiles"/>, read once at start-up; a file that is missing or no key stops the start.</summary>
internal sealed class ConsoleAuditKeys
{
    public ConsoleAuditKeys(IOptions<ConsoleOptions> options)
    {
        foreach (var file in options.Value.AuditPublicKeyFiles)
        {
            try
            {
                Ring.AddPem(File.ReadAllText(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
            {
                throw new OptionsValidationException(ConsoleOptions.SectionName, typeof(ConsoleOptions),
                    [$"Console:AuditPublicKeyFiles: '{file}' is not a readable SPKI PEM Ed25519 public key ({e.Message})."]);
            }
        }
    }

    public TreeHeadKeyRing Ring { get; } = new();

    /// <summary>Whether any key is configured; without one no head can be checked.</summary>
    public bool Any => Ring.KeyIds.Count > 0;
}
