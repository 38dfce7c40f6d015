namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>
/// <c>Libromi.Connect.Server probe [URL]</c>: asks a running server's probe and exits 0 when it answers 2xx, 1
/// otherwise, printing the answer. For container health checks where the image has no curl (the .NET images have none):
/// <c>docker-compose.yml</c> runs it against <c>/healthz/ready</c>.
/// </summary>
public static class ProbeCommand
{
    public const string Name = "probe";
    public const string DefaultUrl = "http://127.0.0.1:8080" + HealthEndpoints.Ready;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Count > 2 || !Uri.TryCreate(args.Count == 2 ? args[1] : DefaultUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"Usage: Libromi.Connect.Server {Name} [URL], the URL of a probe such as {DefaultUrl}");
            return 2;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            await Console.Out.WriteLineAsync($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url} did not answer: {e.Message}");
            return 1;
        }
    }
}
