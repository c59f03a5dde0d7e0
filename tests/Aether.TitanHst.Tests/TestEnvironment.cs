using System;
using System.IO;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Tests
{
    /// <summary>
    /// Keeps the test run's installation key and apply locks in a private temporary folder, never in the user's own
    /// data folder (plans and runs written by tests are authenticated with it).
    /// </summary>
    internal static class TestEnvironment
    {
        [ModuleInitializer]
        internal static void Initialize()
        {
            var root = Path.Combine(Path.GetTempPath(), "aether-titanhst-tests-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var owned = false;
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(InstallationKey.FolderVariable)))
            {
                Environment.SetEnvironmentVariable(InstallationKey.FolderVariable, Path.Combine(root, "keys"));
                owned = true;
            }

            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AETHER_TITANHST_LOCKS")))
            {
                Environment.SetEnvironmentVariable("AETHER_TITANHST_LOCKS", Path.Combine(root, "locks"));
                owned = true;
            }

            if (owned)
            {
                // The run's key is a secret too, if only a test one: not left behind in the temporary folder.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
            }
        }

        private static void Remove(string root)
        {
            try
            {
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }
            catch (IOException)
            {
                // Still in use by a process the run started: the next clean of the temporary folder takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
