using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Aether.TitanHst
{
    /// <summary>
    /// Compiles the methods marked <see cref="Hot.Path"/> on a background thread, once per process, starting when the
    /// first contract is loaded. Loading a contract is the first step of every extraction and diff, and in a new
    /// session it takes ~0.1-0.3 s on one thread (the JSON reader's own compilation) while the other core idles; the
    /// hot path's methods (240; 176 of them ran in the bench's 100k diff, the rest serve other rules, the contract
    /// preview and the contract's own reads), each compiled optimized on its first call, would otherwise be compiled a moment later on the threads that read
    /// the exports and build the people, on the diff's critical path.
    /// </summary>
    /// <remarks>
    /// Nothing here changes what a method does, only when it is compiled: a method the diff reaches before this thread
    /// does is compiled by the diff's thread as before (the runtime compiles a method once; a second caller waits for
    /// the first). Later calls in the session find everything compiled and start no thread.
    /// </remarks>
    internal static class HotPathCompilation
    {
        // The order the diff needs them in: the exports' scanner, TitanHST's snapshot (read alongside), the row store
        // and the people and their positions, their rules, the compare and the safety policy; the rest (the contract
        // preview's, the contract loader's own) last.
        private static readonly string[] Order =
        {
            "Aether.TitanHst.Sources",
            "Aether.TitanHst.Target",
            "Aether.TitanHst.Canonical",
            "Aether.TitanHst.Positions",
            "Aether.TitanHst.Normalization",
            "Aether.TitanHst.Diff",
            "Aether.TitanHst.Safety",
        };

        private static int _started;

        // Per thread, so a test can tell that its own call asked for it while other tests load contracts: whether the
        // process has started is true for them all once any test has loaded one.
        [ThreadStatic]
        private static bool _requestedOnThisThread;

        /// <summary>True once <see cref="StartOnce"/> was called on this thread (tests clear it, then load a contract).</summary>
        internal static bool RequestedOnThisThread
        {
            get => _requestedOnThisThread;
            set => _requestedOnThisThread = value;
        }

        /// <summary>Starts the compilation on a background thread, the first time only.</summary>
        internal static void StartOnce()
        {
            _requestedOnThisThread = true;
            if (Interlocked.Exchange(ref _started, 1) != 0)
            {
                return;
            }

            var thread = new Thread(CompileAll) { IsBackground = true, Name = "Aether.TitanHst hot path" };
            thread.Start();
        }

        /// <summary>The hot path's methods this thread can compile alone (not generic), in the order the diff needs them.</summary>
        internal static List<MethodBase> Methods()
        {
            const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            var found = new List<(int Rank, MethodBase Method)>();
            foreach (var type in typeof(HotPathCompilation).Assembly.GetTypes())
            {
                if (type.ContainsGenericParameters)
                {
                    continue;
                }

                var rank = Array.IndexOf(Order, type.Namespace);
                foreach (var method in (IEnumerable<MethodBase>)type.GetMethods(all))
                {
                    Add(method);
                }

                foreach (var constructor in type.GetConstructors(all))
                {
                    Add(constructor);
                }

                void Add(MethodBase method)
                {
                    if ((method.MethodImplementationFlags & (MethodImplAttributes)Hot.Path) != 0 && !method.IsAbstract && !method.ContainsGenericParameters)
                    {
                        found.Add((rank < 0 ? Order.Length : rank, method));
                    }
                }
            }

            // OrderBy is stable: within a namespace, the order the assembly declares them.
            return found.OrderBy(f => f.Rank).Select(f => f.Method).ToList();
        }

        private static void CompileAll()
        {
            // An exception on a background thread would end the operator's process; a method that could not be
            // compiled here (none can fail today: HotPathCompilationTests prepares each) is compiled on its first call.
#pragma warning disable CA1031 // See above: nothing a warm-up meets may end the process.
            try
            {
                foreach (var method in Methods())
                {
                    try
                    {
                        RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }
    }
}
