using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Microsoft.Playwright;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// The Orleans dashboard of a real silo process, loaded in headless Chromium after a few writes, lists the entity
/// grain type. Uses Debian's chromium (deploy/local/browser.sh installs it); Playwright never downloads a browser.
/// </summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task the_dashboard_lists_the_entity_grain_after_writes()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        var clusterId = "browser-test-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcess.Start(clusterId, portOffset: SiloPorts.NextOffset());
        await silo.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        using (var client = await ExternalClient.ConnectAsync(clusterId))
        {
            for (var i = 0; i < 3; i++)
            {
                var grain = client.Cluster().GetGrain<IEntityGrain>(EntityKey.Create("dashboard", $"{clusterId}-{i}").ToGrainKey());
                await grain.Put($$"""{"n":{{i}}}""", new WriteOptions { Provenance = new Provenance { Source = "dashboard-test" } });
            }

            await client.StopAsync();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{silo.HttpPort}/dashboard/", new PageGotoOptions { Timeout = 30_000 });

        await page.GetByText("TOTAL ACTIVATIONS").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        // The Grains page lists every grain type with its activations; the dashboard polls the silos every second.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Grains", Exact = true }).ClickAsync();
        var entityGrain = page.GetByText("EntityGrain").First;
        try
        {
            await entityGrain.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"EntityGrain did not appear on the dashboard within 60 s. Page text:\n{await page.InnerTextAsync("body")}", ex);
        }

        Assert.True(await entityGrain.IsVisibleAsync());
        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
    }
}
