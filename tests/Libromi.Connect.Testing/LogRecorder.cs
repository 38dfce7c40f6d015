using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Testing;

/// <summary>A logger provider that keeps every entry the server's logging pipeline lets through, in order.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly Lock _signal = new();
    private TaskCompletionSource _logged = NewSignal();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Every entry as one line: level, message and exception, for checks that a text was (or was not) written.</summary>
    public IReadOnlyList<string> Lines => [.. _entries.Select(e => $"{e.Level}: {e.Message} {e.Exception}")];

    public void Clear() => _entries.Clear();

    /// <summary>
    /// Waits until <see cref="Lines"/> satisfies <paramref name="done"/>, checking again at every entry logged.
    /// <paramref name="timeout"/> (default 30 s) only guards against a hang.
    /// </summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> done, TimeSpan? timeout = null)
    {
        using var hang = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task logged;
            lock (_signal)
            {
                logged = _logged.Task;
            }
            if (done(Lines))
            {
                return;
            }
            try
            {
                await logged.WaitAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The log never reached the expected state:\n{string.Join('\n', Lines)}");
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Add);

    public void Dispose()
    {
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Add(LogEntry entry)
    {
        _entries.Enqueue(entry);
        TaskCompletionSource logged;
        lock (_signal)
        {
            logged = _logged;
            _logged = NewSignal();
        }
        logged.SetResult();
    }

    private sealed class Logger(string category, Action<LogEntry> add) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            add(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}
