using System.Diagnostics;
using OpenTelemetry;

namespace Ivr.Storage.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps entity ids, which may be personal data (phone numbers, customer ids), out of exported spans: runs as each
/// span ends, before the exporters. It removes our <c>ivr.entity.id</c> tag, cuts Orleans' grain ids of entity grains
/// (<c>entity/&lt;type&gt;/&lt;id&gt;</c> in <c>orleans.rpc.target_id</c> and friends) down to <c>entity/&lt;type&gt;</c>,
/// replaces the id segment of <c>/entities/{type}/{id}</c> in <c>url.path</c> with <c>{id}</c>, and the id itself in
/// exception texts, the status description and the span name. Types stay: they are the useful dimension. Does nothing
/// when <c>Telemetry:RecordEntityIds</c> is true.
/// </summary>
internal sealed class EntityIdRedactionProcessor(bool recordEntityIds) : BaseProcessor<Activity>
{
    /// <summary>What an id is replaced with.</summary>
    public const string Placeholder = "{id}";

    /// <summary>The grain type of EntityGrain: its grain ids read <c>entity/&lt;type&gt;/&lt;id&gt;</c>.</summary>
    private const string EntityGrainPrefix = "entity/";

    private const string UrlPathTag = "url.path";

    /// <summary>Tags holding free text that may quote an id (Orleans sets these on a failed grain call).</summary>
    private static readonly string[] TextTags = ["exception.message", "exception.stacktrace"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (recordEntityIds)
        {
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (data.GetTagItem(TelemetryNames.EntityIdTag) is string tagged)
        {
            ids.Add(tagged);
            data.SetTag(TelemetryNames.EntityIdTag, null);
        }

        foreach (var (name, value) in data.TagObjects.ToArray())
        {
            if (value is string text && text.StartsWith(EntityGrainPrefix, StringComparison.Ordinal)
                && text.IndexOf('/', EntityGrainPrefix.Length) is var typeEnd and > 0)
            {
                ids.Add(text[(typeEnd + 1)..]);
                data.SetTag(name, text[..typeEnd]);
            }
        }

        if (data.GetTagItem(UrlPathTag) is string path && path.StartsWith("/entities/", StringComparison.OrdinalIgnoreCase)
            && path.Split('/') is { Length: > 3 } segments)
        {
            segments[3] = Placeholder;
            data.SetTag(UrlPathTag, string.Join('/', segments));
        }

        ids.RemoveWhere(string.IsNullOrEmpty);
        if (ids.Count > 0)
        {
            RedactText(data, ids);
        }
    }

    private static void RedactText(Activity span, HashSet<string> ids)
    {
        foreach (var name in TextTags)
        {
            if (span.GetTagItem(name) is string text)
            {
                span.SetTag(name, Redact(text, ids));
            }
        }

        if (span.StatusDescription is { } description)
        {
            span.SetStatus(span.Status, Redact(description, ids));
        }

        span.DisplayName = Redact(span.DisplayName, ids);
    }

    private static string Redact(string text, HashSet<string> ids)
    {
        foreach (var id in ids)
        {
            text = text.Replace(id, Placeholder, StringComparison.Ordinal);
        }

        return text;
    }
}
