using System.Globalization;

namespace Ivr.Storage.Contracts;

/// <summary>
/// A place in the change feed: the committing transaction's id and the row's insert position. The feed is ordered
/// by (transaction, position) and only shows transactions older than every transaction still in progress, so a
/// reader that resumes after a position never skips a version that commits late (see README, "Change feed").
/// Written as <c>"{transaction}-{position}"</c>; <see cref="Start"/> (<c>"0-0"</c>) is before everything.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.FeedPosition")]
public readonly record struct FeedPosition(
    [property: Id(0)] ulong Transaction,
    [property: Id(1)] long Position) : IComparable<FeedPosition>
{
    /// <summary>Before the first change.</summary>
    public static FeedPosition Start { get; }

    /// <inheritdoc />
    public int CompareTo(FeedPosition other)
    {
        var byTransaction = Transaction.CompareTo(other.Transaction);
        return byTransaction != 0 ? byTransaction : Position.CompareTo(other.Position);
    }

    public static bool operator <(FeedPosition left, FeedPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(FeedPosition left, FeedPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(FeedPosition left, FeedPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FeedPosition left, FeedPosition right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Transaction}-{Position}");

    /// <summary>Parses <see cref="ToString"/>'s form.</summary>
    /// <exception cref="EntityValidationException">Not a feed position.</exception>
    public static FeedPosition Parse(string? text)
    {
        var separator = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (separator > 0
            && ulong.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var transaction)
            && long.TryParse(text.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return new FeedPosition(transaction, position);
        }

        throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "position", $"'{text}' is not a feed position (expected 'transaction-position', e.g. '0-0').");
    }
}
