using Ivr.Storage.Security.Certificates;

namespace Ivr.Storage.Security.Tokens;

/// <summary>An identity proven by a valid caller token: the signer certificate's common name and role.</summary>
/// <param name="Name">The certificate's common name, e.g. <c>ivr-server</c> or <c>ivr-storage-gateway</c>.</param>
/// <param name="Role">A silo (the cluster itself) or a caller.</param>
/// <param name="ValidUntil">When the token stops being accepted.</param>
public sealed record VerifiedCaller(string Name, CertificateRole Role, DateTimeOffset ValidUntil);
