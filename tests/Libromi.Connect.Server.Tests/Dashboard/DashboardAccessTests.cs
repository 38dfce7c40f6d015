using System.Net;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Dashboard;

/// <summary>
/// Who gets in and what they may do, over plain HTTP: a revoked key's session ends at its next request, a read key's
/// session changes nothing, a form without its antiforgery token is refused, and every page carries a strict CSP and
/// HttpOnly, SameSite=Strict cookies.
/// </summary>
public sealed class DashboardAccessTests
{
    [Fact]
    public async Task A_wrong_key_is_refused_and_a_signed_out_visitor_is_sent_to_sign_in()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new DashboardHttp(server.BaseAddress);

        using var page = await http.GetAsync("/dashboard/webhooks");
        using var refused = await http.SignInAsync("lk_not_a_key_of_anyone_at_all_0000");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/dashboard/sign-in", page.Headers.Location!.AbsolutePath);
        Assert.Equal("?ReturnUrl=%2Fdashboard%2Fwebhooks", page.Headers.Location.Query);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("That API key is not valid", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_session_ends_at_its_next_request_once_its_key_is_revoked_and_the_key_cannot_sign_in_again()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.CreateClient();
        var created = await api.PostOkAsync("api-keys", new { name = "laptop", scope = "full" });
        var key = created.GetProperty("key").GetString()!;
        using var http = new DashboardHttp(server.BaseAddress);
        using var signedIn = await http.SignInAsync(key);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Webhooks", await http.GetTextAsync("/dashboard/webhooks"));

        using var revoked = await api.DeleteAsync("api-keys/" + created.GetProperty("id").GetString());
        using var after = await http.GetAsync("/dashboard/webhooks");
        using var again = await http.SignInAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/dashboard/sign-in", after.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task A_read_key_sees_the_pages_without_their_forms_and_a_post_sent_anyway_changes_nothing()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var api = server.CreateClient();
        var webhook = await api.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "*" } });
        var id = webhook.GetProperty("id").GetString()!;
        var readKey = (await api.PostOkAsync("api-keys", new { name = "auditor", scope = "read" })).GetProperty("key").GetString()!;
        using var http = new DashboardHttp(server.BaseAddress);
        await http.SignInAsync(readKey);

        var edit = await http.GetTextAsync($"/dashboard/webhooks/{id}");
        var keys = await http.GetTextAsync("/dashboard/api-keys");
        using var create = await http.PostFormAsync("/dashboard/webhooks", "/dashboard/webhooks/new?handler=save",
            new Dictionary<string, string> { ["Form.Url"] = receiver.Url.ToString(), ["Form.Events"] = "*" });
        using var disable = await http.PostFormAsync("/dashboard/webhooks", $"/dashboard/webhooks/{id}?handler=disable", new Dictionary<string, string>());
        using var newKey = await http.PostFormAsync("/dashboard/api-keys", "/dashboard/api-keys?handler=create",
            new Dictionary<string, string> { ["Name"] = "sneaky", ["Scope"] = "full" });

        Assert.Contains("Read-only", edit);
        Assert.DoesNotContain("Rotate secret", edit);
        Assert.DoesNotContain("Send test event", edit);
        Assert.DoesNotContain("Create key", keys);
        Assert.All(new[] { create, disable, newKey }, r =>
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal("/dashboard/forbidden?reason=read-only", r.Headers.Location!.OriginalString);
        });
        Assert.Single((await api.GetOkAsync("webhooks")).GetProperty("data").EnumerateArray());
        Assert.True((await api.GetOkAsync($"webhooks/{id}")).GetProperty("enabled").GetBoolean());
        Assert.Equal(2, (await api.GetOkAsync("api-keys")).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.CreateClient();
        using var http = new DashboardHttp(server.BaseAddress);
        await http.SignInAsync(server.ApiKey);

        using var forged = await http.PostAsync("/dashboard/api-keys?handler=create", new Dictionary<string, string> { ["Name"] = "forged", ["Scope"] = "full" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Single((await api.GetOkAsync("api-keys")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Pages_carry_a_CSP_without_inline_script_and_the_session_cookie_is_HttpOnly_and_SameSite_Strict()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new DashboardHttp(server.BaseAddress);

        using var signIn = await http.GetAsync("/dashboard/sign-in");
        using var signedIn = await http.SignInAsync(server.ApiKey);
        var html = await http.GetTextAsync("/dashboard");

        var csp = Assert.Single(signIn.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", Assert.Single(signIn.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(signIn.Headers.GetValues("Referrer-Policy")));
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("libromi_dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(server.ApiKey, cookie);
        Assert.Matches("<script src=\"/dashboard/assets/dashboard.js\" defer></script>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script"));
        Assert.DoesNotMatch("<[^>]+\\son[a-z]+=", html);
    }

    [Fact]
    public async Task With_frame_ancestors_only_those_origins_may_frame_it_and_under_HTTPS_its_cookies_are_partitioned()
    {
        var folder = Directory.CreateTempSubdirectory("libromi-tls-").FullName;
        var (certificate, key) = Support.SelfSignedCertificates.Create("CN=127.0.0.1");
        await File.WriteAllTextAsync(Path.Combine(folder, "server.pem"), certificate);
        await File.WriteAllTextAsync(Path.Combine(folder, "server.key"), key);
        var framing = new Dictionary<string, string?> { ["Dashboard:FrameAncestors:0"] = "https://app.example.com" };
        await using var plain = await TestServer.StartAsync(framing);
        await using var tls = await TestServer.StartAsync(new Dictionary<string, string?>(framing)
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = Path.Combine(folder, "server.pem"),
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = Path.Combine(folder, "server.key"),
        });
        using var overHttp = new DashboardHttp(plain.BaseAddress);
        using var overHttps = new DashboardHttp(tls.BaseAddress);

        using var http = await overHttp.GetAsync("/dashboard/sign-in");
        using var https = await overHttps.GetAsync("/dashboard/sign-in");
        using var signedIn = await overHttps.SignInAsync(tls.ApiKey);

        Assert.Equal("https", tls.BaseAddress.Scheme);
        var csp = Assert.Single(https.Headers.GetValues("Content-Security-Policy"));
        Assert.EndsWith("frame-ancestors https://app.example.com", csp);
        Assert.False(https.Headers.Contains("X-Frame-Options"));
        foreach (var cookie in https.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")))
        {
            Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("partitioned", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.Contains("samesite=strict", Assert.Single(http.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_frame_ancestor_that_is_not_an_origin_stops_the_server_at_start_naming_the_setting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            TestServer.StartAsync(new Dictionary<string, string?> { ["Dashboard:FrameAncestors:0"] = "https://app.example.com/portal; script-src *" }));

        Assert.Contains("Dashboard:FrameAncestors", failure.ToString());
    }
}
