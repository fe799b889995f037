namespace Ivr.Storage.Audit;

/// <summary>The outcome of one check: valid, or what failed and where (a leaf index, a version, a head size).</summary>
public sealed record AuditResult(AuditFailure Failure, string Detail)
{
    /// <summary>The check holds.</summary>
    public static AuditResult Valid { get; } = new(AuditFailure.None, "valid");

    public bool IsValid => Failure == AuditFailure.None;

    public static AuditResult Fail(AuditFailure failure, string detail) => new(failure, detail);

    public override string ToString() => IsValid ? "valid" : $"{Failure}: {Detail}";
}
