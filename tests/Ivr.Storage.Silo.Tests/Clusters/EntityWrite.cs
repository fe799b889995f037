namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// One write of a <see cref="WriteLoad"/>: the payload names its writer and sequence, so the journal shows which
/// write each version is; <see cref="PreviousVersion"/> is the version this writer last saw acknowledged (0: none).
/// </summary>
internal sealed record EntityWrite(string EntityId, int Writer, int Sequence, string IdempotencyKey, long PreviousVersion)
{
    public string Payload => $$"""{"writer":{{Writer}},"sequence":{{Sequence}}}""";
}
