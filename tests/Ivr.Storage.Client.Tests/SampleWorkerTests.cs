using System.Diagnostics;
using Xunit.Abstractions;

namespace Ivr.Storage.Client.Tests;

/// <summary>The sample worker, as a process of its own, against a real cluster: what the README shows is what it does.</summary>
[Collection(StoreClusterCollection.Name)]
public sealed class SampleWorkerTests(StoreClusterFixture fixture, ITestOutputHelper log)
{
    [Fact]
    public async Task the_sample_worker_walks_a_call_session_through_every_operation_and_exits_0()
    {
        var start = new ProcessStartInfo("dotnet", [SampleWorkerPath()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["IvrStorage__ClusterId"] = fixture.ClusterId;
        start.Environment["IvrStorage__ServiceId"] = Testing.RedisEntityClusterFixture.ServiceId;
        start.Environment["ConnectionStrings__Redis"] = fixture.RedisConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in Testing.TestCertificates.ClientEnvironment(Testing.TestCertificates.Shared.Caller()))
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        var text = await output;
        log.WriteLine(text);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{text}\n{await errors}");
        Assert.Contains("put    -> version 1", text, StringComparison.Ordinal);
        Assert.Contains("patch  -> version 3", text, StringComparison.Ordinal);
        Assert.Contains("  v3 Patch ", text, StringComparison.Ordinal);
        Assert.Contains("diff   v1 -> v3: [", text, StringComparison.Ordinal);
        Assert.Contains("verify -> valid, 3 versions checked", text, StringComparison.Ordinal);
    }

    private static string SampleWorkerPath()
    {
        // Tests run from tests/<project>/bin/<configuration>/<tfm>/; the sample was built beside them in the same configuration.
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var root = baseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "client", "Ivr.Storage.SampleWorker", "bin", baseDirectory.Parent!.Name, baseDirectory.Name, "Ivr.Storage.SampleWorker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the sample worker first.", path);
    }
}
