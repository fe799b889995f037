using System.Globalization;
using System.Text;
using System.Text.Json;
using Ivr.Storage.Contracts;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Commands;

/// <summary>Reads a command message into an <see cref="EntityCommand"/>, or refuses it with a <see cref="CommandRejectedException"/>.</summary>
public static class CommandParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="CommandRejectedException">The message can never be applied as sent.</exception>
    public static EntityCommand Parse(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CommandOptions options)
    {
        if (body.Length > options.MaxBodyBytes)
        {
            throw new CommandRejectedException(CommandRejection.Oversized, $"The body has {body.Length} bytes; at most {options.MaxBodyBytes} are accepted.");
        }

        if (string.IsNullOrEmpty(properties.MessageId) || properties.MessageId.Length > WriteOptions.MaxIdempotencyKeyLength)
        {
            throw new CommandRejectedException(CommandRejection.MissingMessageId, $"A command needs a message id of 1 to {WriteOptions.MaxIdempotencyKeyLength} characters: it is the write's idempotency key.");
        }

        var kind = Header(properties, CommandHeaders.Kind) switch
        {
            "put" => ChangeKind.Put,
            "patch" => ChangeKind.Patch,
            "delete" => ChangeKind.Delete,
            "revert" => ChangeKind.Revert,
            var other => throw new CommandRejectedException(CommandRejection.BadHeader, $"Header {CommandHeaders.Kind} must be put, patch, delete or revert; got '{other}'."),
        };
        var key = KeyOf(properties);
        var source = Header(properties, CommandHeaders.Source)
            ?? throw new CommandRejectedException(CommandRejection.BadHeader, $"Header {CommandHeaders.Source} (the writing system) is required.");
        var text = kind is ChangeKind.Put or ChangeKind.Patch ? JsonBody(body) : null;
        var revertTo = kind == ChangeKind.Revert ? Number(properties, CommandHeaders.RevertTo) ?? throw new CommandRejectedException(CommandRejection.BadHeader, $"A revert needs header {CommandHeaders.RevertTo}.") : (long?)null;
        var writeOptions = new WriteOptions
        {
            Provenance = new Provenance
            {
                Source = source,
                CorrelationId = properties.CorrelationId,
                CausationId = properties.MessageId,
                Actor = options.Caller,
                Reason = Header(properties, CommandHeaders.Reason),
            },
            Expected = Expected(properties),
            IdempotencyKey = properties.MessageId,
        };
        return new EntityCommand(key, kind, text, revertTo, writeOptions);
    }

    private static EntityKey KeyOf(IReadOnlyBasicProperties properties)
    {
        var type = Header(properties, CommandHeaders.Type);
        var id = Header(properties, CommandHeaders.Id);
        try
        {
            return EntityKey.Create(type, id);
        }
        catch (EntityValidationException ex) when (ex.Code == ValidationErrorCode.InvalidType)
        {
            throw new CommandRejectedException(CommandRejection.UnknownType, ex.Message);
        }
        catch (EntityValidationException ex)
        {
            throw new CommandRejectedException(CommandRejection.BadHeader, ex.Message);
        }
    }

    private static string JsonBody(ReadOnlyMemory<byte> body)
    {
        try
        {
            var text = StrictUtf8.GetString(body.Span);
            using var _ = JsonDocument.Parse(text);
            return text;
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException)
        {
            throw new CommandRejectedException(CommandRejection.BadJson, $"The body is not a UTF-8 JSON document: {ex.Message}");
        }
    }

    private static ExpectedVersion Expected(IReadOnlyBasicProperties properties) => Header(properties, CommandHeaders.ExpectedVersion) switch
    {
        null or "any" => ExpectedVersion.Any,
        "not-exists" => ExpectedVersion.NotExists,
        "exists" => ExpectedVersion.Exists,
        _ => Number(properties, CommandHeaders.ExpectedVersion) is { } version and >= 1
            ? ExpectedVersion.Exactly(version)
            : throw new CommandRejectedException(CommandRejection.BadHeader, $"Header {CommandHeaders.ExpectedVersion} must be any, not-exists, exists or a version of 1 or more."),
    };

    private static long? Number(IReadOnlyBasicProperties properties, string name) => RawHeader(properties, name) switch
    {
        null => null,
        long or int or short or byte => Convert.ToInt64(RawHeader(properties, name), CultureInfo.InvariantCulture),
        _ when long.TryParse(Header(properties, name), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new CommandRejectedException(CommandRejection.BadHeader, $"Header {name} must be a number."),
    };

    private static string? Header(IReadOnlyBasicProperties properties, string name) => RawHeader(properties, name) switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    private static object? RawHeader(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers is { } headers && headers.TryGetValue(name, out var value) ? value : null;
}
