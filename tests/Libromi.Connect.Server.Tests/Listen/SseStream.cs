using System.Text.Json;

namespace Libromi.Connect.Server.Tests.Listen;

/// <summary>Reads a listen session's server-sent events the way the CLI does.</summary>
internal sealed class SseStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public static async Task<SseStream> OpenAsync(HttpClient client, string sessionId)
    {
        var response = await client.GetAsync($"listen/{sessionId}/stream", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("ready", (await stream.NextAsync()).Event);
        return stream;
    }

    /// <summary>The next event (comments and keep-alives skipped).</summary>
    public async Task<(string Event, JsonElement Data)> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        string? name = null;
        string? data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException();
            if (line.Length == 0 && name is not null)
            {
                return (name, JsonDocument.Parse(data ?? "{}").RootElement.Clone());
            }
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
