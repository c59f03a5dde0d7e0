namespace Aether.TitanHst.Apply
{
    /// <summary>Where an apply run stands, from its journal.</summary>
    public enum RunStatus
    {
        /// <summary>Every change has its outcome, none failed or went stale.</summary>
        Completed,

        /// <summary>The run ended, but some changes failed (a resume retries them) or went stale (diff again).</summary>
        CompletedWithFailures,

        /// <summary>The run stopped before the end (Ctrl+C, crash, kill, an open breaker): a resume finishes it.</summary>
        Interrupted,

        /// <summary>The run ended without attempting anything: the operator declined every change it asked about.</summary>
        Declined,

        /// <summary>The run's folder cannot be trusted (see Problem): it cannot be resumed.</summary>
        Failed,

        /// <summary>Another process is applying the run now (it holds the target's lock): wait for it, never resume it.</summary>
        Running,
    }
}
