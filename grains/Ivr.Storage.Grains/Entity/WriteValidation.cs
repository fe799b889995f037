using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Entity;

/// <summary>Checks everything about a write except its payload, before anything is written.</summary>
internal static class WriteValidation
{
    private const int MaxTagNameLength = 128;

    public static void Validate(WriteOptions? options)
    {
        if (options is null)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "options", "Write options are required.");
        }

        var provenance = options.Provenance;
        if (provenance is null || string.IsNullOrWhiteSpace(provenance.Source))
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidProvenance, "provenance.source", "Every write must name its source (the service or worker that writes).");
        }

        CheckText(provenance.Source, "provenance.source", Provenance.MaxFieldLength, ValidationErrorCode.InvalidProvenance);
        CheckText(provenance.CorrelationId, "provenance.correlationId", Provenance.MaxFieldLength, ValidationErrorCode.InvalidProvenance);
        CheckText(provenance.CausationId, "provenance.causationId", Provenance.MaxFieldLength, ValidationErrorCode.InvalidProvenance);
        CheckText(provenance.Actor, "provenance.actor", Provenance.MaxFieldLength, ValidationErrorCode.InvalidProvenance);
        CheckText(provenance.Reason, "provenance.reason", Provenance.MaxFieldLength, ValidationErrorCode.InvalidProvenance);

        if (options.IdempotencyKey is { } key)
        {
            if (key.Length == 0)
            {
                throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "idempotencyKey", "An idempotency key must not be empty; leave it out instead.");
            }

            CheckText(key, "idempotencyKey", WriteOptions.MaxIdempotencyKeyLength, ValidationErrorCode.InvalidArgument);
        }

        if (options.SchemaVersion is < 0)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "schemaVersion", $"Schema version must not be negative; got {options.SchemaVersion}.");
        }

        if (options.Tags is { } tags)
        {
            if (tags.Count > WriteOptions.MaxTags)
            {
                throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "tags", $"At most {WriteOptions.MaxTags} tags are allowed; got {tags.Count}.");
            }

            foreach (var (name, value) in tags)
            {
                if (string.IsNullOrEmpty(name))
                {
                    throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "tags", "Tag names must not be empty.");
                }

                CheckText(name, "tags", MaxTagNameLength, ValidationErrorCode.InvalidArgument);
                CheckText(value, $"tags.{name}", Provenance.MaxFieldLength, ValidationErrorCode.InvalidArgument);
            }
        }
    }

    private static void CheckText(string? value, string field, int maxLength, ValidationErrorCode code)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            throw new EntityValidationException(code, field, $"{field} is {value.Length} characters long; at most {maxLength} are allowed.");
        }

        // PostgreSQL text cannot hold NUL, and an unpaired surrogate has no UTF-8 form: neither could be stored verbatim.
        if (value.Contains('\0', StringComparison.Ordinal) || !IsWellFormedUtf16(value))
        {
            throw new EntityValidationException(code, field, $"{field} contains a NUL character or an unpaired surrogate.");
        }
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
