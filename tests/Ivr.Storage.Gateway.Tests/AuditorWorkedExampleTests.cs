using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// The README's worked example ("Audit"), step by step: keep a head, export against it, run the built
/// <c>ivr-storage-verify export</c> as a process with the public key. Then one changed byte of the export fails it.
/// </summary>
[Collection(AuditGatewayCollection.Name)]
public sealed class AuditorWorkedExampleTests(AuditGatewayFixture fixture) : GatewayTestBase(fixture), IDisposable
{
    private readonly DirectoryInfo _auditor = Directory.CreateTempSubdirectory("ivr-auditor-");

    [Fact]
    public async Task should_verify_the_export_with_the_tool_as_the_readme_shows_and_name_a_changed_version()
    {
        var url = Url("call-session", NewId());
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(url, """{"state":"ringing"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(url, """{"state":"answered"}""")).StatusCode);
        var proof = JsonNode.Parse(await Eventually.ValueAsync(
            async () => await GetAsync(url + "/versions/2/proof") is { StatusCode: HttpStatusCode.OK } r ? await r.Content.ReadAsStringAsync() : null,
            TimeSpan.FromSeconds(30),
            () => $"the log never covered {url}"))!;

        // curl "$B/log/heads/latest" -H "X-Api-Key: $K" > head.json
        var head = await SaveAsync("/log/heads/latest", "head.json");
        var treeSize = JsonNode.Parse(head)!["treeSize"]!.GetValue<long>();
        // curl "$B/export?type=call-session&treeSize=$(jq .treeSize head.json)" -H "X-Api-Key: $K" > export.ndjson
        var export = await SaveAsync($"/export?type=call-session&treeSize={treeSize}", "export.ndjson");
        // log-key.pem: the operator's public key, handed to the auditor outside the store.
        await File.WriteAllTextAsync(Path.Combine(_auditor.FullName, "log-key.pem"), ((AuditGatewayFixture)Fixture).PublicKeyPem);
        // ivr-storage-verify export export.ndjson --key log-key.pem --head head.json
        var (code, output) = await VerifyAsync("export.ndjson");
        Assert.True(code == 0, output);
        Assert.StartsWith("valid: ", output, StringComparison.Ordinal);
        Assert.Contains($"of head {treeSize} ", output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(_auditor.FullName, "changed.ndjson"), export.Replace("\"state\":\"ringing\"", "\"state\":\"hung-up\"", StringComparison.Ordinal));
        var (changedCode, changed) = await VerifyAsync("changed.ndjson");
        Assert.True(changedCode == 1, changed);
        Assert.Contains("VersionChainBroken", changed, StringComparison.Ordinal);
        var firstRinging = JsonNode.Parse(export.Split('\n').Skip(1).First(l => l.Contains("\"state\":\"ringing\"", StringComparison.Ordinal)))!;
        Assert.Contains($"leaf {firstRinging["leafIndex"]} (call-session/{firstRinging["id"]} v1)", changed, StringComparison.Ordinal);
        Assert.True(proof["leafIndex"]!.GetValue<long>() < treeSize);
    }

    public void Dispose() => _auditor.Delete(recursive: true);

    private async Task<string> SaveAsync(string url, string file)
    {
        var response = await GetAsync(url, apiKey: TestCallers.Reader);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        await File.WriteAllTextAsync(Path.Combine(_auditor.FullName, file), body);
        return body;
    }

    /// <summary>Runs the built tool (src/Ivr.Storage.Verify) as the auditor would, in the auditor's directory.</summary>
    private async Task<(int Code, string Output)> VerifyAsync(string export)
    {
        var start = new ProcessStartInfo("dotnet", [TestPaths.HostAssembly("src/Ivr.Storage.Verify"), "export", export, "--key", "log-key.pem", "--head", "head.json"])
        {
            WorkingDirectory = _auditor.FullName,
        };
        await using var tool = ChildProcess.Start(start);
        var code = await tool.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (code, tool.Output);
    }
}
