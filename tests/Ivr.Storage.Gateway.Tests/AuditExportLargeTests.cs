using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// GET /export over a few thousand versions: several pages (500 versions each), every version read from the journal
/// in batches and every path from the log, and the whole file valid for the built <c>ivr-storage-verify</c>.
/// </summary>
[Collection(AuditGatewayCollection.Name)]
public sealed class AuditExportLargeTests(AuditGatewayFixture fixture) : GatewayTestBase(fixture), IDisposable
{
    private const int Entities = 25;
    private const int VersionsEach = 80;

    private readonly DirectoryInfo _auditor = Directory.CreateTempSubdirectory("ivr-auditor-large-");

    [Fact]
    public async Task should_export_two_thousand_versions_across_pages_in_log_order_that_the_tool_verifies_whole()
    {
        // A type of its own, so the export holds exactly this test's versions.
        var type = $"bulk-{Guid.NewGuid():N}"[..21];
        var ids = Enumerable.Range(0, Entities).Select(i => $"bulk-{i}-{NewId()}").ToArray();
        // Through the gateway's own client library, not HTTP: the export is under test here, not 2,000 requests.
        var store = fixture.Factory.Services.GetRequiredService<IEntityStore>();
        await Task.WhenAll(ids.Select(async id =>
        {
            for (var version = 1; version <= VersionsEach; version++)
            {
                await store.PutAsync(EntityKey.Create(type, id), $$"""{"step":{{version}}}""");
            }
        }));
        foreach (var id in ids)
        {
            await Eventually.HoldsAsync(
                async () => (await GetAsync(Url(type, id, $"/versions/{VersionsEach}/proof"))).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60),
                () => $"the log never covered {type}/{id} v{VersionsEach}");
        }

        var head = await (await GetAsync("/log/heads/latest", apiKey: TestCallers.Reader)).Content.ReadAsStringAsync();
        await File.WriteAllTextAsync(Path.Combine(_auditor.FullName, "head.json"), head);
        var treeSize = JsonNode.Parse(head)!["treeSize"]!.GetValue<long>();
        var response = await GetAsync($"/export?type={type}&treeSize={treeSize}", apiKey: TestCallers.Reader);
        var export = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, export);
        await File.WriteAllTextAsync(Path.Combine(_auditor.FullName, "export.ndjson"), export);

        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Entities * VersionsEach, lines.Count);
        var leaves = lines.Select(l => l["leafIndex"]!.GetValue<long>()).ToList();
        Assert.Equal(leaves.Order(), leaves);
        Assert.Equal(leaves.Count, leaves.Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Equal(Enumerable.Range(1, VersionsEach).Select(v => (long)v), lines.Where(l => l["id"]!.GetValue<string>() == id).Select(l => l["version"]!.GetValue<long>()));
        }

        var start = new ProcessStartInfo("dotnet", [TestPaths.HostAssembly("src/Ivr.Storage.Verify"), "export", "export.ndjson", "--key", "log-key.pem", "--head", "head.json"])
        {
            WorkingDirectory = _auditor.FullName,
        };
        await File.WriteAllTextAsync(Path.Combine(_auditor.FullName, "log-key.pem"), fixture.PublicKeyPem);
        await using var tool = ChildProcess.Start(start);
        var code = await tool.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code == 0, tool.Output);
        Assert.StartsWith($"valid: {Entities * VersionsEach} versions of {type}", tool.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _auditor.Delete(recursive: true);
}
