using Microsoft.Playwright;

namespace Ivr.Storage.Testing;

/// <summary>
/// Debian's Chromium (deploy/local/browser.sh installs it) driven by Playwright, which never downloads a browser of its
/// own: shared by the browser tests (the Orleans dashboard, the console).
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Launches a headless instance; dispose the browser and then <paramref name="playwright"/>.</summary>
    /// <exception cref="ServiceUnavailableException">Chromium is not installed.</exception>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(ExecutablePath))
        {
            throw new ServiceUnavailableException($"{ExecutablePath} is missing: run deploy/local/browser.sh (deploy/local/test.sh does).");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }
}
