namespace Ivr.Storage.Testing;

/// <summary>
/// Three schema versions chained by two upcasters, for the upcast-read tests of the client library and the gateway:
/// v2 renames <c>caller</c> to <c>from</c> and adds <c>priority</c> 0; v3 adds <c>channel</c> "voice".
/// </summary>
public static class UpcastChainSchemas
{
    public const string V1 = """{"schema":{"type":"object","required":["caller"],"properties":{"caller":{"type":"string"},"agent":{"type":"string"}}}}""";

    public const string V2 = """
        {"upcast":[{"op":"move","from":"/caller","path":"/from"},{"op":"add","path":"/priority","value":0}],
         "schema":{"type":"object","required":["from","priority"],"properties":{"from":{"type":"string"},"priority":{"type":"integer"}}}}
        """;

    public const string V3 = """
        {"upcast":[{"op":"add","path":"/channel","value":"voice"}],
         "schema":{"type":"object","required":["from","priority","channel"],"properties":{"from":{"type":"string"},"priority":{"type":"integer"},"channel":{"type":"string"}}}}
        """;
}
