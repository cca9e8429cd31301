namespace ProctorWeb.Realtime;

/// <summary>
/// A token bucket per key (a student of an exam, a caller and callee, a client address): up to
/// <c>capacity</c> at once, refilled evenly so that <c>capacity</c> more come back over each <c>period</c>.
/// Kept in memory by key rather than by connection, so reconnecting does not refill it.
/// </summary>
public sealed class KeyedBudget<TKey>(int capacity, TimeSpan period, TimeProvider time) where TKey : notnull
{
    // Sweeping full buckets away keeps memory bounded by the keys that were busy within one period.
    private const int SweepAbove = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Bucket> _buckets = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;
        public DateTimeOffset At { get; set; } = at;
    }

    public int Capacity => capacity;

    public TimeSpan Period => period;

    /// <summary>Takes one if there is one; otherwise says how long until there is.</summary>
    public bool TryTake(TKey key, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var bucket = Refilled(key);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = Wait(bucket);
            return false;
        }
    }

    /// <summary>Whether the key has nothing left, without taking any; for budgets spent only by failures.</summary>
    public bool IsSpent(TKey key, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var bucket = Refilled(key);
            retryAfter = bucket.Tokens >= 1 ? TimeSpan.Zero : Wait(bucket);
            return bucket.Tokens < 1;
        }
    }

    /// <summary>Spends one, if any is left (a failed attempt).</summary>
    public void Spend(TKey key) => TryTake(key, out _);

    /// <summary>Forgets the key: its budget is full again (a callee who answered wants the calls).</summary>
    public void Reset(TKey key)
    {
        lock (_gate)
        {
            _buckets.Remove(key);
        }
    }

    private Bucket Refilled(TKey key)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new Bucket(capacity, now);
            _buckets[key] = bucket;
            return bucket;
        }
        var elapsed = now - bucket.At;
        if (elapsed > TimeSpan.Zero)
        {
            bucket.Tokens = Math.Min(capacity, bucket.Tokens + elapsed / period * capacity);
            bucket.At = now;
        }
        return bucket;
    }

    private TimeSpan Wait(Bucket bucket) => period / capacity * (1 - bucket.Tokens);

    private void Sweep(DateTimeOffset now)
    {
        if (_buckets.Count < SweepAbove || now - _lastSweep < period)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (key, bucket) in _buckets.ToList())
        {
            if (now - bucket.At >= period)
            {
                _buckets.Remove(key);
            }
        }
    }
}
