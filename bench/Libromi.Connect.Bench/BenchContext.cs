using System.Diagnostics;
using System.Globalization;
using Libromi.Connect.Bench.Receiver;
using Libromi.Connect.Bench.Reporting;

namespace Libromi.Connect.Bench;

/// <summary>What the scenarios share: options, the receiver, a scratch directory, and the results gathered so far.</summary>
public sealed class BenchContext(BenchOptions options, ReceiverProcess receiver, string workDirectory)
{
    private int _databases;

    public BenchOptions Options { get; } = options;

    public ReceiverProcess Receiver { get; } = receiver;

    public List<ResultRow> Rows { get; } = [];

    /// <summary>Raw baseline deliveries/s by concurrency, for the ratios.</summary>
    public Dictionary<int, double> RawBaselines { get; } = [];

    /// <summary>A fresh database path in the scratch directory.</summary>
    public string NewDatabase(string name) =>
        Path.Combine(workDirectory, $"{Interlocked.Increment(ref _databases):D2}-{name}.db");

    public static void Log(string message) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static double Seconds(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) / (double)Stopwatch.Frequency;

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";
}
