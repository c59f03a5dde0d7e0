using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace Aether.TitanHst.PowerShell.Module
{
    /// <summary>
    /// Loads the engine and its third-party dependencies from the module's <c>dependencies</c> folder,
    /// isolated from what other modules (Az, Microsoft.Graph, ...) bring into the session.
    /// </summary>
    /// <remarks>
    /// Only this cmdlet assembly sits in the module root. On PowerShell 7 the engine lives in its own
    /// AssemblyLoadContext, so a different CsvHelper, Polly or System.Text.Json already loaded by another
    /// module neither breaks us nor is broken by us. Windows PowerShell 5.1 has no load contexts; there we
    /// resolve from the dependencies folder on demand, which is the best .NET Framework allows.
    /// </remarks>
    public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string EngineAssemblyName = "Aether.TitanHst";

        internal static readonly string DependencyDirectory = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location) ?? ".",
            "dependencies");

        private static readonly bool IsNetFramework =
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
                .StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>Hooks assembly resolution when the module is imported.</summary>
        public void OnImport()
        {
            if (IsNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveOnNetFramework;
            }
            else
            {
                CoreLoadContextHook.Attach(DependencyDirectory);
            }

            Completion.SourcePathKeyCompletion.Install();
        }

        /// <summary>Unhooks assembly resolution when the module is removed.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            Completion.SourcePathKeyCompletion.Uninstall();
            if (IsNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnNetFramework;
            }
            else
            {
                CoreLoadContextHook.Detach();
            }
        }

        private static Assembly? ResolveOnNetFramework(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var candidate = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
