using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// The last few idempotency keys an activation committed, so that a client's retry is answered from memory.
/// Only a cache: the journal's unique index on the key is what makes idempotency hold across activations.
/// </summary>
internal sealed class RecentIdempotencyKeys(int capacity)
{
    private readonly Dictionary<string, (byte[] Fingerprint, WriteResult Result)> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string idempotencyKey, out (byte[] Fingerprint, WriteResult Result) entry) =>
        _entries.TryGetValue(idempotencyKey, out entry);

    public void Remember(string idempotencyKey, byte[] fingerprint, WriteResult result)
    {
        if (capacity <= 0 || !_entries.TryAdd(idempotencyKey, (fingerprint, result)))
        {
            return;
        }

        _order.Enqueue(idempotencyKey);
        if (_order.Count > capacity)
        {
            _entries.Remove(_order.Dequeue());
        }
    }
}
