using System.Net;
using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>
/// A diff of two ~1 MiB versions differing in 6,000 places: the page renders the beginning of each side and the first
/// operations with a "N more changes" note, and the whole patch is a download held to the same scopes.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLargeDiffTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task a_diff_of_large_payloads_is_cut_with_a_note_and_the_whole_patch_downloads()
    {
        var key = EntityKey.Create("call-session", "large-" + Guid.NewGuid().ToString("N"));
        await fixture.PutLargeAsync(key, ConsoleFixture.LargePayload("ringing"), ConsoleFixture.LargePayload("answered"));
        using var client = await SignedInAsync(TestCallers.Reader);

        var page = await client.PageAsync($"/console/entities/{key.Type}/{key.Id}?v=1..2");

        Assert.Contains("As JSON Patch (6000 changes)", page, StringComparison.Ordinal);
        Assert.Contains("5800 more changes not shown (the first 200 are above)", page, StringComparison.Ordinal);
        Assert.Contains("Showing the first 65,536 of", page, StringComparison.Ordinal);
        Assert.True(page.Length < 512 * 1024, $"The page has {page.Length} characters.");

        using var download = await client.GetAsync($"/console/entities/{key.Type}/{key.Id}/patch?v=1..2");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json-patch+json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        using var patch = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal(6000, patch.RootElement.GetArrayLength());
        Assert.Equal("/items/5999/state", patch.RootElement[5999].GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("", "v=a..b")]
    [InlineData("?v=1", "v=a..b")]
    [InlineData("?v=a..b", "must be a version number")]
    public async Task the_patch_download_without_two_versions_is_a_clear_400(string query, string detail)
    {
        var key = EntityKey.Create("call-session", "patch-" + Guid.NewGuid().ToString("N"));
        await fixture.PutLargeAsync(key, """{"n":1}""", """{"n":2}""");
        using var client = await SignedInAsync(TestCallers.Reader);

        var page = await client.PageAsync($"/console/entities/{key.Type}/{key.Id}/patch{query}", HttpStatusCode.BadRequest);

        Assert.Contains(detail, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_patch_download_of_a_type_outside_the_scopes_is_refused()
    {
        var key = EntityKey.Create("billing-account", "patch-" + Guid.NewGuid().ToString("N"));
        await fixture.PutLargeAsync(key, """{"secret":"s3cr3t-1"}""", """{"secret":"s3cr3t-2"}""");
        using var client = await SignedInAsync(TestCallers.CallFamily);

        var page = await client.PageAsync($"/console/entities/{key.Type}/{key.Id}/patch?v=1..2", HttpStatusCode.Forbidden);

        Assert.DoesNotContain("s3cr3t", page, StringComparison.Ordinal);
    }

    private Task<ConsoleClient> SignedInAsync(string apiKey) => ConsoleClient.SignedInAsync(fixture.Server, apiKey);
}
