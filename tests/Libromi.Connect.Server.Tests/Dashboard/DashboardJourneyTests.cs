using Libromi.Connect.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Libromi.Connect.Server.Tests.Dashboard;

/// <summary>
/// A person in Chromium against a real server and a real receiver: signs in, creates a webhook, watches a delivery
/// arrive without reloading, presses "Retry" and watches the second attempt arrive.
/// </summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class DashboardJourneyTests(DashboardBrowser browser)
{
    [SkippableFact]
    public async Task A_user_creates_a_webhook_sees_its_delivery_arrive_live_and_retries_it()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var api = server.CreateClient();
        var page = await browser.NewPageAsync(server.BaseAddress);

        await page.SignInAsync(server.ApiKey);
        await DashboardBrowser.ScreenshotAsync(page, "01-overview");
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New webhook" }).ClickAsync();
        await page.GetByLabel("URL").FillAsync(receiver.Url.ToString());
        await page.GetByLabel("Description").FillAsync("Orders service");
        await DashboardBrowser.ScreenshotAsync(page, "02-new-webhook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();
        await Expect(page.GetByText("The webhook was created.")).ToBeVisibleAsync();
        await Expect(page.Locator("#secret-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        await DashboardBrowser.ScreenshotAsync(page, "03-webhook-created");

        await page.GetByRole(AriaRole.Link, new() { Name = "Deliveries" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deliveries" })).ToBeVisibleAsync();
        await Expect(page.GetByText("No deliveries yet.")).ToBeVisibleAsync();
        var loaded = await page.EvaluateAsync<double>("performance.timeOrigin");

        var contact = await api.PostOkAsync("contacts", new { name = "Ada", phone = "+447700900123" });
        var eventId = (await receiver.NextAsync()).Header("X-Libromi-Event-Id");

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = eventId });
        await Expect(row).ToContainTextAsync("contact.created");
        await Expect(row).ToContainTextAsync("succeeded");
        await DashboardBrowser.ScreenshotAsync(page, "04-deliveries-live");
        Assert.Equal(loaded, await page.EvaluateAsync<double>("performance.timeOrigin"));

        await row.GetByRole(AriaRole.Link, new() { Name = eventId }).ClickAsync();
        var opened = page.Locator("section.delivery");
        await Expect(opened.GetByRole(AriaRole.Heading, new() { Name = "Attempt 1" })).ToBeVisibleAsync();
        await Expect(opened).ToContainTextAsync("Response status200");
        await Expect(opened).ToContainTextAsync($"X-Libromi-Event-Id: {eventId}");
        await Expect(opened).ToContainTextAsync(contact.GetProperty("id").GetString()!);
        await DashboardBrowser.ScreenshotAsync(page, "05-delivery-opened");

        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(503, Body: "down for maintenance"));
        await opened.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(page.GetByText("is queued for another attempt")).ToBeVisibleAsync();
        var afterRetry = await page.EvaluateAsync<double>("performance.timeOrigin");
        var second = await receiver.NextAsync();

        Assert.Equal("2", second.Header("X-Libromi-Delivery-Attempt"));
        var attempt2 = page.Locator("li.attempt").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Attempt 2" }) });
        await Expect(attempt2).ToContainTextAsync("Response status503");
        await Expect(attempt2).ToContainTextAsync("down for maintenance");
        await Expect(attempt2).ToContainTextAsync("X-Libromi-Delivery-Attempt: 2");
        Assert.Equal(afterRetry, await page.EvaluateAsync<double>("performance.timeOrigin"));
        await DashboardBrowser.ScreenshotAsync(page, "06-second-attempt");
        Assert.Empty(browser.Errors[page]);
    }
}
