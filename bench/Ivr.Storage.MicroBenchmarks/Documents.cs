using System.Text.Json.Nodes;

namespace Ivr.Storage.MicroBenchmarks;

/// <summary>Representative inputs: a 1 KB entity payload and a small change to it.</summary>
public static class Documents
{
    public static readonly string OneKilobyte =
        """{"status":"active","caller":{"number":"+5511999990000","name":"Maria","segment":"gold"},"tags":["ivr","bench",3,4.5,true,null],"intent":{"name":"billing","confidence":0.9731,"slots":{"month":"2026-11","amount":129.9}},"data":"""
        + "\"" + new string('x', 700) + "\"}";

    public static readonly string Patch = """{"status":"closed","intent":{"confidence":null,"resolved":true},"tags":["ivr"]}""";

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
