using Libromi.Connect.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Libromi.Connect.Server.Tests.Dashboard;

/// <summary>
/// Data from the API is text on every page: a contact named like an HTML element, and a webhook described like one,
/// show as typed, run nothing and add no element.
/// </summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class EscapingTests(DashboardBrowser browser)
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    [SkippableFact]
    public async Task A_contact_named_like_an_img_element_renders_as_text_on_every_page_that_shows_it()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var api = server.CreateClient();
        var webhook = await api.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "*" }, description = Hostile + "\"><script>alert(2)</script>" });
        var id = webhook.GetProperty("id").GetString()!;
        await api.PostOkAsync("contacts", new { name = Hostile, phone = "+447700900123" });
        var eventId = (await receiver.NextAsync()).Header("X-Libromi-Event-Id");
        await server.WaitForDeliveriesAsync(() => api.GetOkAsync($"webhooks/{id}/deliveries"),
            d => d.GetProperty("data").EnumerateArray().Any(x => x.GetProperty("attempt_count").GetInt32() == 1 && x.GetProperty("status").GetString() == "succeeded"));
        var page = await browser.NewPageAsync(server.BaseAddress);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.SignInAsync(server.ApiKey);

        string[] pages =
        [
            $"/dashboard/events?id={eventId}",
            "/dashboard/webhooks",
            $"/dashboard/webhooks/{id}/deliveries?delivery=dlv_1",
        ];
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main")).ToContainTextAsync(Hostile);
            await Expect(page.Locator("main img")).ToHaveCountAsync(0);
            await Expect(page.Locator("main script")).ToHaveCountAsync(0);
        }
        await DashboardBrowser.ScreenshotAsync(page, "20-escaped-delivery");
        await page.GotoAsync($"/dashboard/webhooks/{id}");
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync(Hostile + "\"><script>alert(2)</script>");
        await Expect(page.Locator("main img, main script")).ToHaveCountAsync(0);
        await page.GotoAsync($"/dashboard/events?id={eventId}");
        await DashboardBrowser.ScreenshotAsync(page, "21-escaped-event");

        Assert.Empty(dialogs);
        Assert.Empty(browser.Errors[page]);
    }
}
