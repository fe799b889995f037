using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Ivr.Storage.Testing;

/// <summary>Broker-side waits that the messaging tests, the fault suite and the benchmark harness share.</summary>
public static class RabbitMqQueues
{
    /// <summary>
    /// Waits (bounded) until <paramref name="queue"/> exists, e.g. until the silos declared the command queue: a message
    /// sent to the default exchange before would be dropped.
    /// </summary>
    /// <exception cref="TimeoutException">The queue did not appear within <paramref name="timeout"/>.</exception>
    public static async Task WaitForQueueAsync(IConnection connection, string queue, TimeSpan timeout)
    {
        var declared = await Eventually.TryAsync(
            async () =>
            {
                // A passive declare of a missing queue closes its channel, so each probe has its own.
                await using var probe = await connection.CreateChannelAsync();
                try
                {
                    await probe.QueueDeclarePassiveAsync(queue);
                    return true;
                }
                catch (OperationInterruptedException)
                {
                    return false;
                }
            },
            timeout,
            TimeSpan.FromMilliseconds(200));
        if (!declared)
        {
            throw new TimeoutException($"The queue {queue} was not declared within {timeout}.");
        }
    }
}
