using System.Globalization;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// W1-S's realistic schema: a call record of 20 properties with formats (uuid, date-time, email, uri), patterns
/// (E.164 numbers, agent ids, locales, IVR node names), enums, ranges and arrays, no other members allowed; and about
/// 1 KB documents valid under it, different per write.
/// </summary>
internal static class SchemaDocuments
{
    public const string Definition = """
        {"compatibility":"backward","schema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
          "required":["sessionId","caller","callee","state","startedAt","queue","language","channel","priority","durationSeconds","tags","ivrPath","metadata"],
          "properties":{
            "sessionId":{"type":"string","format":"uuid"},
            "caller":{"type":"string","pattern":"^\\+[1-9][0-9]{6,14}$"},
            "callee":{"type":"string","pattern":"^\\+[1-9][0-9]{6,14}$"},
            "state":{"enum":["ringing","answered","on-hold","transferred","ended"]},
            "startedAt":{"type":"string","format":"date-time"},
            "answeredAt":{"type":"string","format":"date-time"},
            "endedAt":{"type":"string","format":"date-time"},
            "agentId":{"type":"string","pattern":"^agent-[0-9]{4}$"},
            "queue":{"type":"string","minLength":1,"maxLength":64},
            "language":{"type":"string","pattern":"^[a-z]{2}-[A-Z]{2}$"},
            "channel":{"enum":["voice","chat","whatsapp","sms"]},
            "priority":{"type":"integer","minimum":0,"maximum":9},
            "durationSeconds":{"type":"integer","minimum":0},
            "sentiment":{"type":"number","minimum":-1,"maximum":1},
            "tags":{"type":"array","maxItems":16,"items":{"type":"string","maxLength":32}},
            "customerEmail":{"type":"string","format":"email"},
            "callbackUri":{"type":"string","format":"uri"},
            "summary":{"type":"string","maxLength":600},
            "ivrPath":{"type":"array","maxItems":32,"items":{"type":"string","pattern":"^[A-Z0-9_]{1,16}$"}},
            "metadata":{"type":"object","maxProperties":16,"additionalProperties":{"type":"string","maxLength":64}}}}}
        """;

    private static readonly string Summary = new('s', 380);

    /// <summary>A document of about 1 KB, valid under <see cref="Definition"/>, different per caller and sequence.</summary>
    public static string OneKilobyte(int caller, long sequence)
    {
        var n = sequence.ToString(CultureInfo.InvariantCulture);
        var id = new Guid(caller, (short)(sequence >> 16), (short)sequence, 1, 2, 3, 4, 5, 6, 7, 8);
        return $$"""
            {"sessionId":"{{id}}","caller":"+55119{{caller % 100000:00000}}{{sequence % 1000:000}}","callee":"+551130000000","state":"answered",
             "startedAt":"2026-12-07T10:00:00Z","answeredAt":"2026-12-07T10:00:07Z","agentId":"agent-{{caller % 10000:0000}}","queue":"billing-{{n}}",
             "language":"pt-BR","channel":"voice","priority":{{sequence % 10}},"durationSeconds":{{sequence}},"sentiment":0.25,
             "tags":["ivr","bench","vip"],"customerEmail":"customer{{caller}}@example.com","callbackUri":"https://ivr.example.com/callbacks/{{n}}",
             "summary":"{{Summary}}","ivrPath":["MAIN","BILLING","SECOND_COPY","AGENT"],"metadata":{"campaign":"december","region":"sp","sequence":"{{n}}"} }
            """;
    }
}
