namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>The machine's load averages (1, 5, 15 minutes): on a shared machine other work moves every figure, so reports say how busy it was.</summary>
internal static class MachineLoad
{
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
