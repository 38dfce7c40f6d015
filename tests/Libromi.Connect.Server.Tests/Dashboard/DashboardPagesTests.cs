using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Libromi.Connect.Server.Tests.Dashboard;

/// <summary>
/// Every page of the menu, on a desktop and on a phone: it opens from the menu, marks itself current, labels every
/// field, fits the screen's width, and raises no script or CSP error; and "API keys" creates a key shown once.
/// </summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class DashboardPagesTests(DashboardBrowser browser)
{
    private static readonly string[] Menu = ["Overview", "Webhooks", "Events", "Event types", "API keys", "Listen sessions"];

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_page_of_the_menu_opens_is_labelled_and_fits_the_screen(bool phone)
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var api = server.CreateClient();
        await api.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "*" }, description = "CRM sync" });
        await api.PostOkAsync("contacts", new { name = "Zoë 😀", phone = "+447700900123" });
        await receiver.NextAsync();
        var page = await browser.NewPageAsync(server.BaseAddress, phone);
        await page.SignInAsync(server.ApiKey);

        foreach (var entry in Menu)
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = entry, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            var unlabelled = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.outerHTML)");
            Assert.Empty(unlabelled);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                $"{entry} is wider than the screen.");
            await DashboardBrowser.ScreenshotAsync(page, $"{(phone ? "phone" : "desktop")}-{entry.Replace(' ', '-').ToLowerInvariant()}");
        }
        Assert.Empty(browser.Errors[page]);
    }

    [SkippableFact]
    public async Task The_first_tab_reaches_skip_to_content_and_a_form_can_be_sent_with_the_keyboard()
    {
        await using var server = await TestServer.StartAsync();
        var page = await browser.NewPageAsync(server.BaseAddress);
        await page.GotoAsync("/dashboard/sign-in");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.GetByLabel("API key").FocusAsync();
        await page.Keyboard.TypeAsync(server.ApiKey);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task API_keys_creates_a_key_shown_once_that_works_and_revokes_it()
    {
        await using var server = await TestServer.StartAsync();
        var page = await browser.NewPageAsync(server.BaseAddress);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.SignInAsync(server.ApiKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();

        await page.GetByLabel("Name").FillAsync("CI deploys");
        await page.GetByLabel("Scope").SelectOptionAsync("read");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await page.Locator("#new-key").TextContentAsync();
        await DashboardBrowser.ScreenshotAsync(page, "40-api-key-created");
        using var withKey = server.CreateClient(key);
        var listed = await withKey.GetOkAsync("api-keys");
        await page.GotoAsync("/dashboard/api-keys");

        Assert.StartsWith(ApiKeys.Prefix, key);
        Assert.Contains(listed.GetProperty("data").EnumerateArray(), k => k.GetProperty("name").GetString() == "CI deploys" && k.GetProperty("scope").GetString() == "read");
        await Expect(page.Locator("#new-key")).ToHaveCountAsync(0);
        await Expect(page.GetByText(key!)).ToHaveCountAsync(0);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CI deploys" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke key CI deploys" }).ClickAsync();
        await Expect(page.GetByText("is revoked")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CI deploys" })).ToHaveCountAsync(0);
        using var refused = await withKey.GetAsync("api-keys");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
