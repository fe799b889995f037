using Ivr.Storage.Testing;
using Microsoft.Playwright;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>
/// One headless Chromium for a test class (a page per test, in a context of its own: no cookie crosses tests), with
/// bounded waits and screenshots of a 1280x800 viewport into docs/console for the README.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    /// <summary>Longest wait for any element or navigation.</summary>
    public const float TimeoutMs = 20_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotDirectory => Path.Combine(TestPaths.RepositoryRoot, "docs", "console");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh page, signed in to the console at <paramref name="server"/> with <paramref name="apiKey"/> through the login form.</summary>
    public async Task<IPage> SignedInAsync(Uri server, string apiKey)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/login");
        await page.GetByLabel("API key").FillAsync(apiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByText("Signed in as").WaitForAsync();
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });
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
