namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>One failed check, with enough detail to find the row or the request.</summary>
public sealed record Violation(ViolationKind Kind, string Detail)
{
    public override string ToString() => $"{Kind}: {Detail}";
}
