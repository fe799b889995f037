using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>The gateway's answers land in the same outcome model as the Orleans client's exceptions.</summary>
public sealed class HttpOutcomesTests
{
    [Theory]
    [InlineData(200, WriteKind.Put, WriteOutcome.Acknowledged)]
    [InlineData(201, WriteKind.Put, WriteOutcome.Acknowledged)]
    [InlineData(200, WriteKind.Delete, WriteOutcome.Acknowledged)]
    [InlineData(412, WriteKind.Put, WriteOutcome.ConcurrencyConflict)]
    [InlineData(422, WriteKind.Put, WriteOutcome.Validation)]
    [InlineData(400, WriteKind.Put, WriteOutcome.Validation)]
    [InlineData(410, WriteKind.Delete, WriteOutcome.Gone)]
    [InlineData(404, WriteKind.Delete, WriteOutcome.Gone)]
    [InlineData(503, WriteKind.Put, WriteOutcome.Error)]
    [InlineData(500, WriteKind.Delete, WriteOutcome.Error)]
    [InlineData(504, WriteKind.Put, WriteOutcome.Timeout)]
    public void answers_that_tell_what_happened_or_that_nothing_is_known_are_classified(int status, WriteKind kind, WriteOutcome expected) =>
        Assert.Equal(expected, HttpOutcomes.Classify(status, kind));

    [Theory]
    [InlineData(409, WriteKind.Put)] // idempotency conflict: every request has a key of its own
    [InlineData(410, WriteKind.Put)] // a put never finds an entity gone
    [InlineData(404, WriteKind.Put)]
    [InlineData(401, WriteKind.Put)]
    [InlineData(429, WriteKind.Delete)]
    public void answers_no_request_of_the_workload_may_get_are_unexpected(int status, WriteKind kind) =>
        Assert.Equal(WriteOutcome.Unexpected, HttpOutcomes.Classify(status, kind));
}
