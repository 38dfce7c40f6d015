using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Testing;

/// <summary>A logger provider that keeps every entry the server's logging pipeline lets through, in order.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Every entry as one line: level, message and exception, for checks that a text was (or was not) written.</summary>
    public IReadOnlyList<string> Lines => [.. _entries.Select(e => $"{e.Level}: {e.Message} {e.Exception}")];

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}
