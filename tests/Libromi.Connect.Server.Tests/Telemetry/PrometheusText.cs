using System.Globalization;
using System.Text.RegularExpressions;

namespace Libromi.Connect.Server.Tests.Telemetry;

/// <summary>One scrape of <c>/metrics</c> in the Prometheus text format, read sample by sample.</summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusText(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var match = Sample().Match(line);
            Assert.True(match.Success, $"Not a Prometheus sample: {line}");
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public static async Task<PrometheusText> ScrapeAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>; 0 when there is none.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    public bool Has(string name) => _samples.Exists(s => s.Name == name);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[^ ]+)( [0-9]+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)" ?,?""")]
    private static partial Regex Label();
}
