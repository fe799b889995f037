using System.Diagnostics;

namespace Ivr.Storage.Testing;

/// <summary>
/// Bounded waits for a state another process or thread reaches in its own time (a port opens, a row appears, a
/// member turns Active): the condition is asked again every <see cref="DefaultInterval"/> until it holds or the
/// timeout passes, and asked once more at the end, so a slow machine costs time, never a false failure. The one
/// place tests and the benchmark harness poll; a fixed sleep standing in for an event is what this replaces.
/// </summary>
public static class Eventually
{
    /// <summary>Pause between two questions. The default value is 100 ms.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether <paramref name="condition"/> held within <paramref name="timeout"/>; exceptions it throws propagate.</summary>
    public static async Task<bool> TryAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval, cancellationToken);
        }

        return true;
    }

    /// <inheritdoc cref="TryAsync(Func{Task{bool}}, TimeSpan, TimeSpan?, CancellationToken)"/>
    public static Task<bool> TryAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        TryAsync(() => Task.FromResult(condition()), timeout, interval, cancellationToken);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; otherwise throws a <see cref="TimeoutException"/> whose message
    /// is <paramref name="failure"/> (asked only then, so it can describe the last state: output, last answer).
    /// </summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure, TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        if (!await TryAsync(condition, timeout, interval, cancellationToken))
        {
            throw new TimeoutException($"Not within {timeout}: {failure()}");
        }
    }

    /// <inheritdoc cref="HoldsAsync(Func{Task{bool}}, TimeSpan, Func{string}, TimeSpan?, CancellationToken)"/>
    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, failure, interval, cancellationToken);

    /// <summary>
    /// Waits until <paramref name="probe"/> returns a value (not null) and returns it; otherwise throws a
    /// <see cref="TimeoutException"/> whose message is <paramref name="failure"/>.
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> failure, TimeSpan? interval = null, CancellationToken cancellationToken = default)
        where T : class
    {
        T? value = null;
        await HoldsAsync(async () => (value = await probe()) is not null, timeout, failure, interval, cancellationToken);
        return value!;
    }
}
