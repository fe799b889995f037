namespace Ivr.Storage.Contracts;

/// <summary>
/// A page of an export for auditors: versions in log order, each with its inclusion path in <see cref="Head"/>. The
/// next page starts at leaf <see cref="Next"/>; the export is complete when <see cref="Next"/> reaches <see cref="To"/>.
/// A leaf whose journal row is gone is left out: the auditor's check of an export of every type names it.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.AuditExportPage")]
public sealed record AuditExportPage(
    [property: Id(0)] LogHead Head,
    [property: Id(1)] long To,
    [property: Id(2)] ExportedVersion[] Items,
    [property: Id(3)] long Next);
