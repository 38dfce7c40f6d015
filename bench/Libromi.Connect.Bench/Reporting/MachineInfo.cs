using System.Globalization;
using System.Runtime.InteropServices;

namespace Libromi.Connect.Bench.Reporting;

/// <summary>What the numbers were measured on.</summary>
public sealed record MachineInfo(int Cores, string Memory, string Os, string Runtime)
{
    public static MachineInfo Current() => new(Environment.ProcessorCount, TotalMemory(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);

    /// <summary>The 1, 5 and 15 minute load averages, or "n/a" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string TotalMemory()
    {
        if (!File.Exists("/proc/meminfo"))
        {
            return "n/a";
        }
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return $"{kib / 1024.0 / 1024.0:0.0} GiB";
    }
}
