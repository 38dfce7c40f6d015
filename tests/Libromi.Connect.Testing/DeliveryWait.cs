using System.Collections;
using Libromi.Connect.Server.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Libromi.Connect.Testing;

/// <summary>Waits for the delivery engine, which works in the background, by the server's own <see cref="DeliveryChanges"/>.</summary>
public static class DeliveryWait
{
    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="done"/> holds, reading again each time the server
    /// commits a delivery change. <paramref name="timeout"/> (default 30 s) only guards against a hang; it then fails
    /// with the last value read.
    /// </summary>
    public static async Task<T> WaitForDeliveriesAsync<T>(this TestServer server, Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var changes = server.Services.GetRequiredService<DeliveryChanges>();
        var patience = timeout ?? TimeSpan.FromSeconds(30);
        using var hang = new CancellationTokenSource(patience);
        while (true)
        {
            // Taken before the read: a change committed while reading completes it, so it cannot be missed.
            var changed = changes.Next();
            var value = await read();
            if (done(value))
            {
                return value;
            }
            try
            {
                await changed.WaitAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The deliveries did not reach the expected state within {patience.TotalSeconds:0.#} s; last read: {Describe(value)}");
            }
        }
    }

    private static string Describe(object? value) => value is IEnumerable items and not string
        ? "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]"
        : value?.ToString() ?? "null";
}
