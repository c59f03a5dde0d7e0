using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Aether.TitanHst.PowerShell.Module
{
    /// <summary>
    /// The PowerShell 7 half of <see cref="ModuleAssemblyResolver"/>. Kept in its own type so that
    /// Windows PowerShell never JIT-compiles a method that touches AssemblyLoadContext.
    /// </summary>
    internal static class CoreLoadContextHook
    {
        private static DependencyLoadContext? s_context;

        internal static void Attach(string dependencyDirectory)
        {
            s_context ??= new DependencyLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        internal static void Detach() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        // The default context asks only for the engine (the cmdlets reference it); everything the engine
        // needs is then resolved by the engine's own context.
        private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
            string.Equals(name.Name, ModuleAssemblyResolver.EngineAssemblyName, StringComparison.Ordinal) && s_context is not null
                ? s_context.LoadFromAssemblyName(name)
                : null;

        private sealed class DependencyLoadContext : AssemblyLoadContext
        {
            private readonly string _directory;
            private readonly HashSet<string> _platformAssemblies;

            internal DependencyLoadContext(string directory)
            {
                _directory = directory;
                _platformAssemblies = ReadPlatformAssemblyNames();
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                // The runtime's own copy of a framework assembly (System.Memory, System.Text.Json, ...) is always
                // at least as new as the netstandard package we ship for Windows PowerShell; sharing it keeps
                // Span<T> and friends one type. Everything else comes from our folder, never from the session.
                if (assemblyName.Name is null || _platformAssemblies.Contains(assemblyName.Name))
                {
                    return null;
                }

                var candidate = Path.Combine(_directory, assemblyName.Name + ".dll");
                return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
            }

            private static HashSet<string> ReadPlatformAssemblyNames()
            {
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
                {
                    foreach (var path in list.Split(Path.PathSeparator))
                    {
                        var directory = Path.GetDirectoryName(path) ?? string.Empty;
                        // Only the shared framework counts: PowerShell's own application folder also sits in the
                        // list, and assemblies that it ships (for example Newtonsoft.Json) are not framework ones.
                        if (directory.IndexOf("Microsoft.NETCore.App", StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            names.Add(Path.GetFileNameWithoutExtension(path));
                        }
                    }
                }

                return names;
            }
        }
    }
}
