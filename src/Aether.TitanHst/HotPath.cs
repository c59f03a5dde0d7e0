using System.Runtime.CompilerServices;

namespace Aether.TitanHst
{
    /// <summary>
    /// The method attribute value for the diff's per-row and per-person loops: compile fully optimized at once
    /// (<c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name). Without it, the first
    /// diff in a new session runs these loops as unoptimized tier-0 code until the background compiler catches up,
    /// which on a busy machine is most of the first call.
    /// </summary>
    internal static class HotPath
    {
        internal const MethodImplOptions Optimize = (MethodImplOptions)512;
    }
}
