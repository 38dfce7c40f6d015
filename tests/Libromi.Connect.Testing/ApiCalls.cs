using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Libromi.Connect.Testing;

/// <summary>Terse JSON calls against the API, as a test author would write them with curl.</summary>
public static class ApiCalls
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    /// <summary>POSTs and insists on a 2xx answer, returning its JSON.</summary>
    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string path, object? body = null, IDictionary<string, string>? headers = null)
    {
        var (status, json) = await client.SendJsonAsync(HttpMethod.Post, path, body, headers);
        return (int)status is >= 200 and < 300 ? json : throw new HttpRequestException($"POST {path} answered {(int)status}: {json}");
    }

    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string path)
    {
        var (status, json) = await client.SendJsonAsync(HttpMethod.Get, path);
        return status == HttpStatusCode.OK ? json : throw new HttpRequestException($"GET {path} answered {(int)status}: {json}");
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
