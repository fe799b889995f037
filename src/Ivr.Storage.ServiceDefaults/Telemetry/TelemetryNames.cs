namespace Ivr.Storage.ServiceDefaults.Telemetry;

/// <summary>The activity sources and meters every host exports.</summary>
public static class TelemetryNames
{
    /// <summary>Orleans' runtime spans (messaging, activation); emitted only once a host calls <c>AddActivityPropagation()</c>.</summary>
    public const string OrleansRuntimeSource = "Microsoft.Orleans.Runtime";

    /// <summary>Orleans' spans around grain calls (client and server side); emitted only with <c>AddActivityPropagation()</c>.</summary>
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    /// <summary>Orleans' own instruments (messaging, activations, membership).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// The journal's instruments. Spelled out rather than referenced so that hosts without the journal (the HTTP
    /// gateway) need not reference it; a test checks it equals <c>JournalMetrics.MeterName</c>.
    /// </summary>
    public const string JournalMeter = "Ivr.Storage.Journal";

    /// <summary>The journal's spans (group commit); a test checks it equals <c>JournalActivitySource.Name</c>.</summary>
    public const string JournalSource = "Ivr.Storage.Journal";

    /// <summary>The entity grain's instruments; a test checks it equals <c>EntityMetrics.MeterName</c>.</summary>
    public const string EntitiesMeter = "Ivr.Storage.Entities";

    /// <summary>
    /// The client library's instruments (<c>ivr.client.write.duration</c>), exported by hosts that call the cluster
    /// through it (the gateway, workers); a test checks it equals <c>ClientMetrics.MeterName</c>.
    /// </summary>
    public const string ClientMeter = "Ivr.Storage.Client";

    /// <summary>The RabbitMQ relays' instruments (messages, lag); equals <c>RelayMetrics.MeterName</c>.</summary>
    public const string MessagingMeter = "Ivr.Storage.Messaging";

    /// <summary>Our tag for an entity's id (<c>SpanTags.EntityId</c>; a test checks they agree), exported only when <c>Telemetry:RecordEntityIds</c> is true.</summary>
    public const string EntityIdTag = "ivr.entity.id";

    /// <summary>Every activity source the tracer listens to, besides ASP.NET Core and Npgsql instrumentation.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } = [OrleansRuntimeSource, OrleansApplicationSource, JournalSource];

    /// <summary>Every meter the meter provider collects, besides ASP.NET Core, runtime and Npgsql instrumentation.</summary>
    public static IReadOnlyList<string> Meters { get; } = [OrleansMeter, JournalMeter, EntitiesMeter, ClientMeter, MessagingMeter];
}
