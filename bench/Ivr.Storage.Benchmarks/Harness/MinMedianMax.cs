namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>Smallest, median and largest of one figure over the rounds of a <c>--repeat</c> run.</summary>
internal sealed record MinMedianMax(double Min, double Median, double Max)
{
    public static MinMedianMax? Of(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new MinMedianMax(sorted[0], median, sorted[^1]);
    }
}
