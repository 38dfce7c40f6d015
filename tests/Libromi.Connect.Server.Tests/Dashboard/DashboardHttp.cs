using System.Net;
using System.Text.RegularExpressions;

namespace Libromi.Connect.Server.Tests.Dashboard;

/// <summary>
/// The dashboard as a browser without script sees it over HTTP: cookies kept, redirects not followed (so tests see
/// them), and forms posted with the antiforgery token of the page they were on.
/// </summary>
public sealed partial class DashboardHttp : IDisposable
{
    private readonly HttpClient _client;

    public DashboardHttp(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler
        {
            CookieContainer = Cookies,
            AllowAutoRedirect = false,
            // A test server under HTTPS has a self-signed certificate made for the test.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="action"/> with the token of the form on <paramref name="page"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, IDictionary<string, string> fields)
    {
        var token = TokenOf(await GetTextAsync(page));
        return await PostAsync(action, new Dictionary<string, string>(fields) { ["__csrf"] = token });
    }

    public Task<HttpResponseMessage> PostAsync(string action, IDictionary<string, string> fields) =>
        _client.PostAsync(action, new FormUrlEncodedContent(fields));

    /// <summary>Signs in with <paramref name="key"/> and answers the sign-in form's response (302 on success).</summary>
    public Task<HttpResponseMessage> SignInAsync(string key) =>
        PostFormAsync("/dashboard/sign-in", "/dashboard/sign-in", new Dictionary<string, string> { ["key"] = key });

    public static string TokenOf(string html) => TokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("The page has no form with an antiforgery token.");

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _client.Dispose();
}
