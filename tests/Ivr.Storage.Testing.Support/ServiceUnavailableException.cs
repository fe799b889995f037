namespace Ivr.Storage.Testing;

/// <summary>A service the tests need (PostgreSQL, Redis) is missing. Tests fail with it; they never skip.</summary>
public sealed class ServiceUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
