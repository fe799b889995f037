using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Ivr.Storage.AuditLog.Timestamps;

/// <summary>
/// RFC 3161 over HTTP (RFC 3161 §3.4): POSTs a <c>application/timestamp-query</c> with a fresh nonce and a request
/// for the authority's certificate, and accepts only a granted reply whose token is over the hash and nonce asked.
/// </summary>
public sealed class Rfc3161TimestampAuthority(HttpClient http, Uri url) : ITimestampAuthority
{
    private static readonly MediaTypeHeaderValue Query = new("application/timestamp-query");

    public async Task<byte[]> TimestampAsync(byte[] sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var request = Rfc3161TimestampRequest.CreateFromHash(sha256, HashAlgorithmName.SHA256, nonce: RandomNumberGenerator.GetBytes(16), requestSignerCertificates: true);
        byte[] reply;
        try
        {
            using var content = new ByteArrayContent(request.Encode());
            content.Headers.ContentType = Query;
            using var response = await http.PostAsync(url, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new TimestampAuthorityException($"The timestamp authority {url} answered {(int)response.StatusCode}.");
            }

            reply = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new TimestampAuthorityException($"The timestamp authority {url} is unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimestampAuthorityException($"The timestamp authority {url} did not answer in {http.Timeout}.", e);
        }

        try
        {
            // Checks status granted, the imprint, the nonce and that the token carries the signer's certificate.
            var token = request.ProcessResponse(reply, out _);
            return token.AsSignedCms().Encode();
        }
        catch (CryptographicException e)
        {
            throw new TimestampAuthorityException($"The timestamp authority {url} gave no valid token: {e.Message}", e);
        }
    }
}
