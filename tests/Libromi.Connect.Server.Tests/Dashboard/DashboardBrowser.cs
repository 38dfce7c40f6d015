using Microsoft.Playwright;

namespace Libromi.Connect.Server.Tests.Dashboard;

/// <summary>
/// One headless Chromium for the dashboard tests: Debian's <c>chromium</c>, launched by its path, since Playwright's own
/// browsers cannot be downloaded here. Without it the tests are skipped with how to install it; under CI (where
/// <c>.ci/run</c> installs it) a missing browser fails them instead.
/// </summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    public const string EnvironmentVariable = "LIBROMI_CHROMIUM";

    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missing;

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : KnownPaths.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            _missing = $"No Chromium for the dashboard tests. Install it (Debian/Ubuntu: apt-get install -y chromium) or set {EnvironmentVariable} to its executable.";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            // Its sandbox needs user namespaces, which containers (and root) often lack.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with one page, at a phone's or a desktop's size.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool phone = false)
    {
        if (_browser is null)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException(_missing);
            }
            throw new SkipException(_missing);
        }
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        var page = await context.NewPageAsync();
        Errors[page] = [];
        page.PageError += (_, error) => Errors[page].Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors[page].Add($"{message.Text} at {message.Location}");
            }
        };
        return page;
    }

    /// <summary>Script errors and console errors (a CSP violation is one) of each page.</summary>
    public Dictionary<IPage, List<string>> Errors { get; } = [];

    /// <summary>Saves a full-page screenshot to <c>LIBROMI_SCREENSHOTS</c>, when set, for a person to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        if (Environment.GetEnvironmentVariable("LIBROMI_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardBrowserCollection : ICollectionFixture<DashboardBrowser>
{
    public const string Name = "Dashboard browser";
}
