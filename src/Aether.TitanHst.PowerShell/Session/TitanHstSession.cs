using System.Threading;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// The connection Connect-TitanHst made, used by the other cmdlets when no -Connection is given. Module-level
    /// (one per process), like the connection of most vendor modules; pass -Connection to keep several apart.
    /// </summary>
    internal static class TitanHstSession
    {
        private static TitanHstConnection? s_current;
        private static Profile.OperatingProfile? s_profile;

        internal static TitanHstConnection? Current => Volatile.Read(ref s_current);

        /// <summary>The session's operating profile (Connect-TitanHst -ConfigPath), or null: AETHER_TITANHST_CONFIG or none decides.</summary>
        internal static Profile.OperatingProfile? Profile => Volatile.Read(ref s_profile);

        /// <summary>Makes <paramref name="profile"/> the session's profile; null hands the choice back to AETHER_TITANHST_CONFIG.</summary>
        internal static void SetProfile(Profile.OperatingProfile? profile) => Volatile.Write(ref s_profile, profile);

        /// <summary>Makes <paramref name="connection"/> current and closes the one it replaces.</summary>
        internal static void Set(TitanHstConnection connection) => Interlocked.Exchange(ref s_current, connection)?.Close();

        /// <summary>Closes and forgets the current connection; returns it, or null when there was none.</summary>
        internal static TitanHstConnection? Clear()
        {
            Volatile.Write(ref s_profile, null);
            var previous = Interlocked.Exchange(ref s_current, null);
            previous?.Close();
            return previous;
        }
    }
}
