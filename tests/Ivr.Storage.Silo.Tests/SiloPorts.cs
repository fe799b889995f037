using Ivr.Storage.Testing;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// Port offsets for <see cref="Ivr.Storage.Testing.SiloProcess"/>: the test classes of this assembly run in parallel,
/// and independent random offsets would now and then give two silos the same ports. One random start per run (so
/// runs of other clones rarely meet), then consecutive offsets, skipping any whose ports another process holds now
/// (the other test assemblies run beside this one).
/// </summary>
internal static class SiloPorts
{
    private static int _next = Random.Shared.Next(0, 800);

    public static int NextOffset()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var offset = Interlocked.Increment(ref _next);
            if (FreePorts.SiloPortsFree(offset))
            {
                return offset;
            }
        }

        throw new InvalidOperationException("No free silo port offset found in 50 attempts.");
    }

    /// <summary>The first of <paramref name="count"/> consecutive offsets no other test of this run gets.</summary>
    public static int NextBlock(int count) => Interlocked.Add(ref _next, count) - count + 1;
}
