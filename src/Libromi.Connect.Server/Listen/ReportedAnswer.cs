namespace Libromi.Connect.Server.Listen;

/// <summary>
/// A validated listen result, ready to be logged as the attempt: <see cref="ResponseHeaders"/> is a JSON object of
/// strings, <see cref="ResponseBody"/> at most 4 KiB of UTF-8.
/// </summary>
public sealed record ReportedAnswer(int? StatusCode, int? DurationMs, string? Error, string? ResponseHeaders, string? ResponseBody);
