using System.Text;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Ivr.Storage.Gateway.Http;

/// <summary>Reads a write's JSON body: the one accepted media type, UTF-8, and never more than the configured limit.</summary>
internal static class RequestBody
{
    public const string Json = "application/json";
    public const string MergePatch = "application/merge-patch+json";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<string> ReadAsync(HttpRequest request, string mediaType, HttpGatewayOptions options, CancellationToken cancellationToken)
    {
        RequireMediaType(request, mediaType);
        var limit = options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            throw TooLarge(options);
        }

        // Also tell the server, so a chunked body beyond the limit is cut off at the transport.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
            {
                throw TooLarge(options);
            }

            body.Write(chunk, 0, read);
        }

        try
        {
            return StrictUtf8.GetString(body.GetBuffer(), 0, (int)body.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new EntityValidationException(ValidationErrorCode.MalformedJson, "body", "The body is not valid UTF-8.");
        }
    }

    private static void RequireMediaType(HttpRequest request, string mediaType)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
            || (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw new GatewayProblemException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                $"This operation accepts only Content-Type: {mediaType} (UTF-8); got '{request.ContentType}'.");
        }
    }

    private static GatewayProblemException TooLarge(HttpGatewayOptions options) =>
        new(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large", $"Request bodies are limited to {options.MaxRequestBodyBytes} bytes.");
}
