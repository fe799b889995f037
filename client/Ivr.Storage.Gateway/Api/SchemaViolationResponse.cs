namespace Ivr.Storage.Gateway.Api;

/// <summary>One schema violation, as the 422 <c>schema-violation</c> problem lists them.</summary>
internal sealed record SchemaViolationResponse(string Pointer, string Keyword, string Message, string SchemaPath);
