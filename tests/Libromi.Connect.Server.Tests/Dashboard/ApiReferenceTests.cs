using Libromi.Connect.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Libromi.Connect.Server.Tests.Dashboard;

/// <summary>
/// The API reference belongs to the product: reached from the dashboard, titled as Libromi Connect's API, without
/// third-party buttons, and loading nothing from anywhere but the server.
/// </summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class ApiReferenceTests(DashboardBrowser browser)
{
    [SkippableFact]
    public async Task The_reference_is_linked_from_the_dashboard_titled_as_the_product_and_has_no_third_party_buttons()
    {
        await using var server = await TestServer.StartAsync();
        var page = await browser.NewPageAsync(server.BaseAddress);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).Authority != server.BaseAddress.Authority && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        await page.SignInAsync(server.ApiKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        // A large page rendered by script: on a busy two-core machine it takes longer than Playwright's default 5 s.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Libromi Connect API", Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("The platform API of Libromi Connect").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).Or(page.GetByText("Contacts")).First).ToBeVisibleAsync();
        await DashboardBrowser.ScreenshotAsync(page, "30-api-reference", fullPage: false);

        Assert.Equal("Libromi Connect API reference", await page.TitleAsync());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deploy" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Deploy", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Ask AI")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open API Client" })).ToHaveCountAsync(0);
        // The one link elsewhere left is the open-source library's "Powered by Scalar" credit.
        Assert.Equal(["scalar.com"], await page.EvaluateAsync<string[]>(
            "() => [...new Set([...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => h.startsWith('http') && new URL(h).host !== location.host).map(h => new URL(h).host))]"));
        Assert.DoesNotContain("Libromi.Connect.Server", await page.ContentAsync());
        Assert.Empty(elsewhere);
    }
}
