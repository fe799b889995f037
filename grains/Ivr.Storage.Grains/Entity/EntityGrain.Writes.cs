using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Hashing;

namespace Ivr.Storage.Grains.Entity;

internal sealed partial class EntityGrain
{
    public Task<WriteResult> Put(string payload, WriteOptions options)
    {
        WriteValidation.Validate(options);
        var canonical = _codec.ParsePayload(payload);
        var fingerprint = RequestFingerprint.Compute(ChangeKind.Put, options, canonical);
        return ExecuteWriteAsync(ChangeKind.Put, options, fingerprint, _ => Task.FromResult<string?>(canonical));
    }

    public Task<WriteResult> Patch(string mergePatch, WriteOptions options)
    {
        WriteValidation.Validate(options);
        var patch = _codec.ParsePatch(mergePatch);
        var fingerprint = RequestFingerprint.Compute(ChangeKind.Patch, options, patch);
        return ExecuteWriteAsync(ChangeKind.Patch, options, fingerprint, _ =>
        {
            var current = RequireLiveHead();
            return Task.FromResult<string?>(_codec.ApplyMergePatch(current.Payload!, patch));
        });
    }

    public Task<WriteResult> Delete(WriteOptions options)
    {
        WriteValidation.Validate(options);
        var fingerprint = RequestFingerprint.Compute(ChangeKind.Delete, options, body: null);
        return ExecuteWriteAsync(ChangeKind.Delete, options, fingerprint, _ =>
        {
            RequireLiveHead();
            return Task.FromResult<string?>(null);
        });
    }

    public Task<WriteResult> Revert(long version, WriteOptions options)
    {
        WriteValidation.Validate(options);
        var fingerprint = RequestFingerprint.Compute(ChangeKind.Revert, options, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ExecuteWriteAsync(ChangeKind.Revert, options, fingerprint, async _ =>
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
    /// The one write path. Order matters: idempotent replays are answered first (a retry may carry an expected
    /// version that is stale by now), then the expected version is checked, then the row is appended. If the
    /// journal refuses the version number, another activation wrote it (a duplicate activation after a pause or a
    /// partition): reload the head and evaluate once more on the fresh head, which for an exact expected version
    /// ends in a conflict. The head changes only after the commit is confirmed.
    /// <para>
    /// A refusal (version conflict, entity missing or deleted) is only ever given on a head just read from the
    /// journal: this activation's head may be stale, because another activation of the same entity (a silo paused
    /// until declared dead, then resumed) may have written since. Found by the fault-injection suite: a retried patch
    /// was answered 404 by an activation whose head predated the entity's first version, and then the paused original
    /// attempt committed, so the client was told "refused" about a write that is in the journal.
    /// </para>
    /// </summary>
    private async Task<WriteResult> ExecuteWriteAsync(ChangeKind kind, WriteOptions options, byte[] fingerprint, Func<JournalHead?, Task<string?>> newPayload)
    {
        EntitySpan.Write(_key, options);
        var idempotencyKey = options.IdempotencyKey;
        if (idempotencyKey is not null && _recentKeys.TryGet(idempotencyKey, out var remembered))
        {
            return Replay(idempotencyKey, remembered.Fingerprint, remembered.Result, fingerprint);
        }

        var headIsFresh = false;
        for (var fenced = 0; ;)
        {
            if (!options.Expected.IsSatisfiedBy(HeadVersion, HeadIsDeleted))
            {
                if (!headIsFresh)
                {
                    headIsFresh = await ReloadHeadAsync();
                    continue;
                }

                if (idempotencyKey is not null && await journal.FindByIdempotencyKeyAsync(_key, idempotencyKey) is { } earlier)
                {
                    return Replay(idempotencyKey, earlier, fingerprint);
                }

                metrics.Conflict(_key.Type);
                throw new ConcurrencyConflictException(_key, options.Expected, HeadVersion);
            }

            string? payload;
            try
            {
                payload = await newPayload(_head);
            }
            catch (EntityStoreException ex) when (ex is EntityDeletedException or EntityNotFoundException)
            {
                if (!headIsFresh)
                {
                    headIsFresh = await ReloadHeadAsync();
                    continue;
                }

                // A retry whose first attempt committed (its answer lost with a silo) runs on a head that includes
                // that attempt: a delete's retry finds the entity deleted, a patch's retry may find it deleted since.
                // That is a replay, not a refusal (found by the fault-injection suite, issue 8).
                if (idempotencyKey is not null && await journal.FindByIdempotencyKeyAsync(_key, idempotencyKey) is { } earlier)
                {
                    return Replay(idempotencyKey, earlier, fingerprint);
                }

                throw;
            }

            var record = NewRecord(kind, payload, options, fingerprint);
            AppendOutcome outcome;
            try
            {
                outcome = await journal.AppendAsync(record);
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
                LogUnconfirmed(logger, ex, _key.Type, _key.Id, record.Version, options.Provenance.CorrelationId);
                DeactivateOnIdle();
                throw;
            }

            switch (outcome)
            {
                case AppendOutcome.Committed committed:
                    var written = record with { Position = committed.Position.Position };
                    _head = new JournalHead(written, _head?.CreatedAt ?? written.CommittedAt);
                    var result = ToWriteResult(written, replay: false) with { FeedPosition = committed.Position };
                    if (idempotencyKey is not null)
                    {
                        _recentKeys.Remember(idempotencyKey, fingerprint, result);
                    }

                    metrics.Written(_key.Type, kind);
                    EntitySpan.Answered(result);
                    Publish(written, committed.Position);
                    return result;

                case AppendOutcome.IdempotencyKeyUsed used:
                    _head = await journal.ReadHeadAsync(_key);
                    return Replay(idempotencyKey!, used.Existing, fingerprint);

                case AppendOutcome.VersionTaken:
                    headIsFresh = await ReloadHeadAsync();
                    LogFenced(logger, _key.Type, _key.Id, record.Version, HeadVersion, options.Provenance.CorrelationId);
                    if (fenced++ == 0)
                    {
                        continue;
                    }

                    metrics.Conflict(_key.Type);
                    throw new ConcurrencyConflictException(_key, options.Expected, HeadVersion);
            }
        }
    }

    /// <summary>Replaces the head with the journal's latest; always true (the head is fresh now), for use in assignments.</summary>
    private async Task<bool> ReloadHeadAsync()
    {
        _head = await journal.ReadHeadAsync(_key);
        return true;
    }

    private JournalRecord NewRecord(ChangeKind kind, string? payload, WriteOptions options, byte[] fingerprint)
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
            SchemaVersion = options.SchemaVersion,
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
