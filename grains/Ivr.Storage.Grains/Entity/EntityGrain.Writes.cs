using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Hashing;

namespace Ivr.Storage.Grains.Entity;

internal sealed partial class EntityGrain
{
    public Task<WriteResult> Put(string payload, WriteOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        WriteValidation.Validate(options);
        var canonical = _validator.ValidatePayload(payload);
        var fingerprint = RequestFingerprint.Compute(ChangeKind.Put, options, canonical);
        return ExecuteWriteAsync(started, ChangeKind.Put, options, fingerprint, _ => Task.FromResult<string?>(canonical));
    }

    public Task<WriteResult> Patch(string mergePatch, WriteOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        WriteValidation.Validate(options);
        var patch = _validator.ValidatePatch(mergePatch);
        var fingerprint = RequestFingerprint.Compute(ChangeKind.Patch, options, patch);
        return ExecuteWriteAsync(started, ChangeKind.Patch, options, fingerprint, _ =>
        {
            var current = RequireLiveHead();
            return Task.FromResult<string?>(PayloadMerge.Apply(current.Payload!, patch, _validator));
        });
    }

    public Task<WriteResult> Delete(WriteOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        WriteValidation.Validate(options);
        var fingerprint = RequestFingerprint.Compute(ChangeKind.Delete, options, body: null);
        return ExecuteWriteAsync(started, ChangeKind.Delete, options, fingerprint, _ =>
        {
            RequireLiveHead();
            return Task.FromResult<string?>(null);
        });
    }

    public Task<WriteResult> Revert(long version, WriteOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        WriteValidation.Validate(options);
        var fingerprint = RequestFingerprint.Compute(ChangeKind.Revert, options, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ExecuteWriteAsync(started, ChangeKind.Revert, options, fingerprint, async _ =>
        {
            var target = await ReadVersionAsync(version, "version");
            if (target.Kind == ChangeKind.Delete)
            {
                throw new EntityValidationException(ValidationErrorCode.InvalidOperation, "version", $"Version {version} of '{_key}' is a delete; revert to a version that has a payload, or delete the entity.");
            }

            return target.Payload;
        });
    }

    /// <summary>
    /// The one write path. Idempotent replays this activation remembers are answered at once (a retry may carry an
    /// expected version that is stale by now); everything else is decided by a <see cref="WriteDecision"/>, which
    /// says what to do next: read the head, append, look the idempotency key up, replay or refuse. The head changes
    /// only after the commit is confirmed. <paramref name="started"/> is the turn's start, for the write's stage times.
    /// </summary>
    private async Task<WriteResult> ExecuteWriteAsync(long started, ChangeKind kind, WriteOptions options, byte[] fingerprint, Func<JournalHead?, Task<string?>> newPayload)
    {
        EntitySpan.Write(_key, options);
        var idempotencyKey = options.IdempotencyKey;
        if (idempotencyKey is not null && _recentKeys.TryGet(idempotencyKey, out var remembered))
        {
            return Replay(idempotencyKey, remembered.Fingerprint, remembered.Result, fingerprint);
        }

        var decision = new WriteDecision(_key, options.Expected, hasIdempotencyKey: idempotencyKey is not null);
        var step = decision.Begin(HeadVersion, HeadIsDeleted);
        JournalRecord? row = null;
        AppendTiming timing = default;
        while (true)
        {
            switch (step)
            {
                case WriteStep.ReadHead read:
                    _head = await journal.ReadHeadAsync(_key);
                    if (read.TakenVersion is { } taken)
                    {
                        LogFenced(logger, _key.Type, _key.Id, taken, HeadVersion, options.Provenance.CorrelationId);
                    }

                    step = decision.HeadRead(HeadVersion, HeadIsDeleted);
                    break;

                case WriteStep.Append:
                    string? payload;
                    try
                    {
                        payload = await newPayload(_head);
                    }
                    catch (EntityStoreException refusal) when (refusal is EntityDeletedException or EntityNotFoundException)
                    {
                        step = decision.OperationRefused(refusal);
                        break;
                    }

                    // Checked on the final payload (a patch after merging), before it is hashed and appended.
                    var schemaVersion = payload is null ? options.SchemaVersion : await CheckSchemaAsync(payload, options.SchemaVersion);
                    row = NewRecord(kind, payload, options, fingerprint, schemaVersion);
                    var outcome = await AppendAsync(row, options);
                    timing = outcome is AppendOutcome.Committed committed ? committed.Timing : default;
                    step = decision.Appended(outcome);
                    break;

                case WriteStep.LookUpKey:
                    step = decision.KeyLookedUp(await journal.FindByIdempotencyKeyAsync(_key, idempotencyKey!));
                    break;

                case WriteStep.Acknowledge acknowledge:
                    var result = Acknowledge(row!, acknowledge.Position, kind, fingerprint);
                    metrics.WriteStages(_key.Type, started, timing);
                    return result;

                case WriteStep.Replay replay:
                    if (replay.HeadIsStale)
                    {
                        _head = await journal.ReadHeadAsync(_key);
                    }

                    return Replay(idempotencyKey!, replay.Earlier, fingerprint);

                case WriteStep.Refuse refuse:
                    if (refuse.Error is ConcurrencyConflictException)
                    {
                        metrics.Conflict(_key.Type);
                    }

                    ExceptionDispatchInfo.Throw(refuse.Error);
                    break;

                default:
                    throw new InvalidOperationException($"A write step this grain does not know: {step}.");
            }
        }
    }

    /// <summary>Appends through the journal; a failure leaves the head trusted only if the append was never attempted.</summary>
    private async Task<AppendOutcome> AppendAsync(JournalRecord row, WriteOptions options)
    {
        try
        {
            return await journal.AppendAsync(row);
        }
        catch (StoreUnavailableException ex) when (ex.NotAttempted)
        {
            // Refused before the database (the journal's queue is full): nothing happened, the head still holds.
            LogNotAttempted(logger, _key.Type, ex.Message);
            throw;
        }
        catch (StoreUnavailableException ex)
        {
            // The commit may or may not have happened: this activation's head can no longer be trusted.
            LogUnconfirmed(logger, ex, _key.Type, _key.Id, row.Version, options.Provenance.CorrelationId);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The row is committed: it becomes the head, and the caller is answered.</summary>
    private WriteResult Acknowledge(JournalRecord row, FeedPosition position, ChangeKind kind, byte[] fingerprint)
    {
        var written = row with { Position = position.Position };
        _head = new JournalHead(written, _head?.CreatedAt ?? written.CommittedAt);
        var result = ToWriteResult(written, replay: false) with { FeedPosition = position };
        if (written.IdempotencyKey is { } idempotencyKey)
        {
            _recentKeys.Remember(idempotencyKey, fingerprint, result);
        }

        metrics.Written(_key.Type, kind);
        EntitySpan.Answered(result);
        Publish(written, position);
        return result;
    }

    private JournalRecord NewRecord(ChangeKind kind, string? payload, WriteOptions options, byte[] fingerprint, int? schemaVersion)
    {
        var previous = _head?.Latest;
        var record = new JournalRecord
        {
            Key = _key,
            Version = (previous?.Version ?? 0) + 1,
            Kind = kind,
            Payload = payload,
            CommittedAt = CommitClock.Next(clock.TimeProvider, previous?.CommittedAt),
            Provenance = options.Provenance,
            IdempotencyKey = options.IdempotencyKey,
            RequestHash = options.IdempotencyKey is null ? null : fingerprint,
            SchemaVersion = schemaVersion,
            Tags = options.Tags,
            PreviousHash = previous?.Hash ?? ChainHash.Genesis.ToArray(),
            Hash = [],
        };
        return record with { Hash = ChainHash.Compute(record) };
    }

    private WriteResult Replay(string idempotencyKey, JournalRecord earlier, byte[] fingerprint) =>
        Replay(idempotencyKey, earlier.RequestHash, ToWriteResult(earlier, replay: false), fingerprint);

    private WriteResult Replay(string idempotencyKey, byte[]? originalFingerprint, WriteResult original, byte[] fingerprint)
    {
        if (originalFingerprint is null || !originalFingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            throw new IdempotencyConflictException(_key, idempotencyKey, original.Version);
        }

        metrics.Replayed(_key.Type);
        var replayed = original with { IdempotentReplay = true };
        EntitySpan.Answered(replayed);
        return replayed;
    }

    private static WriteResult ToWriteResult(JournalRecord record, bool replay) => new()
    {
        Key = record.Key,
        Version = record.Version,
        CommittedAt = record.CommittedAt,
        Hash = Convert.ToHexStringLower(record.Hash),
        Deleted = record.Kind == ChangeKind.Delete,
        IdempotentReplay = replay,
    };
}
