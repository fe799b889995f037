using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Http;

/// <summary>A write's precondition: the expected version, and whether the entity must exist (<c>If-Match: *</c>).</summary>
internal readonly record struct WritePrecondition(ExpectedVersion Expected, bool MustExist);
