using System.Runtime.CompilerServices;

namespace Aether.TitanHst
{
    /// <summary>
    /// Marks the methods that run once per export row, snapshot line, person or change. With tiered compilation they
    /// would start as unoptimized code and be recompiled only after a delay that a long first call keeps extending,
    /// so the first diff of a session ran mostly unoptimized; marked, they are compiled optimized on their first call.
    /// Which ones: every method of ours the runtime recompiles at tier 1 during a diff (called 30 times or more), as
    /// <c>tools/bench/Find-UnmarkedHotMethods.ps1</c> lists them; one-line members are left to their callers' inlining.
    /// The first contract a process loads starts compiling them on the other core (<see cref="HotPathCompilation"/>).
    /// </summary>
    internal static class Hot
    {
        /// <summary>MethodImplOptions.AggressiveOptimization (512), which netstandard2.0 does not name; runtimes that do not know it ignore it.</summary>
        internal const MethodImplOptions Path = (MethodImplOptions)512;
    }
}
