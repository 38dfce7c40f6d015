using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;

namespace Libromi.Connect.Server.Tests.Hosting.Health;

/// <summary>Reads a health probe's answer: the overall status and each check by name.</summary>
internal sealed record HealthProbe(HttpStatusCode Status, string Overall, IReadOnlyDictionary<string, (string Status, string Description)> Checks, string Text)
{
    public static async Task<HealthProbe> GetAsync(Uri server, string path)
    {
        using var http = new HttpClient { BaseAddress = server };
        var answer = await http.GetAnswerAsync(path);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("no-store", answer.Response.Headers.CacheControl?.ToString());
        var json = answer.Json;
        var checks = json.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("status").GetString()!, c.GetProperty("description").GetString() ?? ""));
        return new HealthProbe(answer.Status, json.GetProperty("status").GetString()!, checks, answer.Text);
    }

    /// <summary>Asserts 503 with <paramref name="check"/> failing, and returns its description.</summary>
    public string AssertFailing(string check)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, Status);
        Assert.Equal("unhealthy", Overall);
        Assert.True(Checks.ContainsKey(check), $"No check named '{check}' in {Text}");
        Assert.Equal("unhealthy", Checks[check].Status);
        return Checks[check].Description;
    }

    public void AssertHealthy(params string[] checks)
    {
        Assert.True(Status == HttpStatusCode.OK, Text);
        Assert.Equal("ok", Overall);
        Assert.Equal(checks.Order(StringComparer.Ordinal), Checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(Checks.Values, c => Assert.Equal("ok", c.Status));
    }

    public static string ContactJson(string name, int n) => JsonSerializer.Serialize(new { name, phone = $"+1555{n:D7}" });
}
