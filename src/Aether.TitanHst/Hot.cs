using System.Runtime.CompilerServices;

namespace Aether.TitanHst
{
    /// <summary>
    /// Marks the methods that run once per export row, snapshot line or person. With tiered compilation they would
    /// start as unoptimized code and be recompiled only after a delay that a long first call keeps extending, so
    /// the first diff of a session ran mostly unoptimized; marked, they are compiled optimized on their first call.
    /// </summary>
    internal static class Hot
    {
        /// <summary>MethodImplOptions.AggressiveOptimization (512), which netstandard2.0 does not name; runtimes that do not know it ignore it.</summary>
        internal const MethodImplOptions Path = (MethodImplOptions)512;
    }
}
