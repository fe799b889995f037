using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// The compatibility gate's report over HTTP: the body of a dry run (<c>PUT /schemas/{type}?dryRun=true</c>) and the
/// members of a 409 <c>schema-incompatible</c> problem.
/// </summary>
internal sealed record CompatibilityReportResponse(
    string Mode,
    long CandidateVersion,
    bool Checked,
    bool Compatible,
    int EntitiesChecked,
    int HistoryVersionsChecked,
    bool CapReached,
    int FailureCount,
    IReadOnlyList<CompatibilityFailureResponse> Failures,
    string Summary)
{
    public static CompatibilityReportResponse From(SchemaCompatibilityReport report) => new(
        report.Mode,
        report.CandidateVersion,
        report.Checked,
        report.Compatible,
        report.EntitiesChecked,
        report.HistoryVersionsChecked,
        report.CapReached,
        report.FailureCount,
        [.. report.Failures.Select(CompatibilityFailureResponse.From)],
        report.Summary);
}
