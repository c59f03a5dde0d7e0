namespace Aether.TitanHst.Profile
{
    /// <summary>Where the operating profile in effect came from, in order of precedence (docs/decisions/0018).</summary>
    public enum ProfileSource
    {
        /// <summary>The command was given a connector configuration (-ConfigPath).</summary>
        Parameter,

        /// <summary>The session's profile: Connect-TitanHst -ConfigPath made it the default for this session.</summary>
        Session,

        /// <summary>AETHER_TITANHST_CONFIG names the connector configuration (a scheduled task, a service account, a $PROFILE).</summary>
        Environment,

        /// <summary>No configuration: folders from AETHER_TITANHST_RUNS / AETHER_TITANHST_AUDIT, else the user's data folder.</summary>
        None,
    }
}
