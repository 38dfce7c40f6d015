using System.Net.Http.Headers;
using System.Text;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>Raw requests, for the cases where the exact body, content type or headers matter.</summary>
public static class Http
{
    public static async Task<ApiAnswer> SendAsync(this HttpClient client, HttpMethod method, string path, string? body = null,
        string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response, text);
    }

    public static Task<ApiAnswer> PostAsync(this HttpClient client, string path, string body, IDictionary<string, string>? headers = null) =>
        client.SendAsync(HttpMethod.Post, path, body, headers: headers);

    public static Task<ApiAnswer> PatchAsync(this HttpClient client, string path, string body) =>
        client.SendAsync(HttpMethod.Patch, path, body);

    public static Task<ApiAnswer> GetAnswerAsync(this HttpClient client, string path) =>
        client.SendAsync(HttpMethod.Get, path);

    public static Task<ApiAnswer> DeleteAnswerAsync(this HttpClient client, string path) =>
        client.SendAsync(HttpMethod.Delete, path);
}
