using Microsoft.Extensions.Logging;

namespace Ivr.Storage.Client.Resilience;

/// <summary>What the resilience pipeline does, for operators: every retry and every change of the breaker's state.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "IVR.Storage call failed transiently ({ErrorType}: {ErrorMessage}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string errorType, string errorMessage, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "IVR.Storage circuit opened for {BreakDuration}: calls fail at once with StoreUnavailableException")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "IVR.Storage circuit closed: the cluster answers again")]
    public static partial void CircuitClosed(ILogger logger);
}
