namespace Ivr.Storage.Messaging.Commands;

/// <summary>A command message that can never succeed as sent; it is dead-lettered with <see cref="Code"/> and the message.</summary>
public sealed class CommandRejectedException(string code, string message) : Exception(message)
{
    /// <summary>One of <see cref="CommandRejection"/>.</summary>
    public string Code { get; } = code;
}
