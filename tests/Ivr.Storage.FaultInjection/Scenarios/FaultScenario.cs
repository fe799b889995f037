namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>The faults the suite injects under load.</summary>
public enum FaultScenario
{
    /// <summary>kill -9 of one silo.</summary>
    Kill9,

    /// <summary>SIGSTOP of one silo until the cluster declares it dead, then SIGCONT (it must not write history behind the new owner's back).</summary>
    Sigstop,

    /// <summary><c>pg_ctl restart -m fast</c>: every journal connection cut mid-commit.</summary>
    PgRestart,

    /// <summary>Redis (membership) down for a while, then back.</summary>
    RedisOutage,

    /// <summary>A fourth silo started and stopped again and again, alternately with SIGTERM (graceful) and SIGKILL.</summary>
    Churn,

    /// <summary>Every fault above, one after another during one load run (each recovered from before the next).</summary>
    Combined,
}
