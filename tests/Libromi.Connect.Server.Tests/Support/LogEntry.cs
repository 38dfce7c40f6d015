using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>One entry a <see cref="LogRecorder"/> kept.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message);
