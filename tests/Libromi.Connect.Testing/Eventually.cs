namespace Libromi.Connect.Testing;

/// <summary>Waits for the delivery engine, which works in the background.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Still not done after waiting: {value}");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
