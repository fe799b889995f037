using System.Diagnostics;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Issue 15, finding 9: <c>dotnet publish</c> (what the Dockerfile runs) must leave appsettings.Development.json, with
/// its public keys, out of the output. Publishes the build the tests run against (<c>--no-build</c>) into a temporary
/// directory.
/// </summary>
public sealed class PublishOutputTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task the_published_gateway_has_its_settings_but_not_the_development_ones()
    {
        var output = Directory.CreateTempSubdirectory("ivr-gateway-publish-");
        try
        {
            var project = Path.Combine(TestPaths.RepositoryRoot, "client", "Ivr.Storage.Gateway", "Ivr.Storage.Gateway.csproj");
            var log = await PublishAsync(project, output.FullName);

            var files = output.GetFiles("*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(output.FullName, file.FullName)).ToList();
            Assert.Contains("Ivr.Storage.Gateway.dll", files);
            Assert.Contains("appsettings.json", files);
            Assert.DoesNotContain(files, file => file.Contains("Development", StringComparison.OrdinalIgnoreCase));
            foreach (var json in output.GetFiles("*.json", SearchOption.AllDirectories))
            {
                var text = await File.ReadAllTextAsync(json.FullName);
                Assert.False(text.Contains("dev-only", StringComparison.Ordinal) || text.Contains("2a1a971c61d7eb1d", StringComparison.Ordinal),
                    $"{json.Name} holds a development credential\n{log}");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static async Task<string> PublishAsync(string project, string output)
    {
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", TestPaths.Configuration, "--no-build", "-o", output, "-v", "minimal", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishTimeout}.");
        }

        var log = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"dotnet publish exited with {process.ExitCode}:\n{log}");
        return log;
    }
}
