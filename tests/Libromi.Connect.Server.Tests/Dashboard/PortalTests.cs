using System.Net;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Libromi.Connect.Server.Tests.Dashboard;

/// <summary>
/// A portal link, as the customer's application hands it to its user: it opens that account's webhooks and nothing
/// else, once, and only until it expires.
/// </summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class PortalTests(DashboardBrowser browser)
{
    [SkippableFact]
    public async Task A_portal_link_opens_its_own_account_only_without_API_keys_and_works_once()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var api = server.CreateClient();
        using var other = server.CreateClient(await server.CreateAccountAsync());
        await api.PostOkAsync("webhooks", new { url = new Uri(receiver.Url, "/mine"), events = new[] { "*" }, description = "Mine" });
        var theirs = await other.PostOkAsync("webhooks", new { url = new Uri(receiver.Url, "/theirs"), events = new[] { "*" } });
        var link = (await api.PostOkAsync("portal-sessions", new { expires_in = 600 })).GetProperty("url").GetString()!;
        var page = await browser.NewPageAsync(server.BaseAddress);

        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Exact = true })).ToBeVisibleAsync();
        await DashboardBrowser.ScreenshotAsync(page, "10-portal-webhooks");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Webhooks" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Portal", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "/mine" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "/theirs" })).ToHaveCountAsync(0);

        var keys = await page.GotoAsync("/dashboard/api-keys");
        Assert.Equal(403, keys!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        var foreign = await page.GotoAsync($"/dashboard/webhooks/{theirs.GetProperty("id").GetString()}");
        Assert.Equal(404, foreign!.Status);
        var foreignDeliveries = await page.GotoAsync($"/dashboard/webhooks/{theirs.GetProperty("id").GetString()}/deliveries");
        Assert.Equal(404, foreignDeliveries!.Status);

        var stranger = await browser.NewPageAsync(server.BaseAddress);
        var reused = await stranger.GotoAsync(link);
        Assert.Equal(410, reused!.Status);
        await Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "This portal link no longer works" })).ToBeVisibleAsync();
        var notSignedIn = await stranger.GotoAsync("/dashboard/webhooks");
        Assert.EndsWith("/dashboard/sign-in?ReturnUrl=%2Fdashboard%2Fwebhooks", notSignedIn!.Url);
    }

    [SkippableFact]
    public async Task A_portal_link_does_not_open_after_it_expires_and_its_session_ends_when_the_link_would_have()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        using var api = server.CreateClient();
        var unused = (await api.PostOkAsync("portal-sessions", new { expires_in = 60 })).GetProperty("url").GetString()!;
        var used = (await api.PostOkAsync("portal-sessions", new { expires_in = 60 })).GetProperty("url").GetString()!;
        var page = await browser.NewPageAsync(server.BaseAddress);
        var opened = await page.GotoAsync(used);
        Assert.Equal(200, opened!.Status);
        Assert.EndsWith("/dashboard/webhooks", opened.Url);

        clock.Advance(TimeSpan.FromSeconds(61));
        var late = await browser.NewPageAsync(server.BaseAddress);
        var expired = await late.GotoAsync(unused);
        var after = await page.GotoAsync("/dashboard/webhooks");

        Assert.Equal(410, expired!.Status);
        Assert.Contains("/dashboard/sign-in", after!.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
