using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Testing;

/// <summary>One entry a <see cref="LogRecorder"/> kept.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception = null);
