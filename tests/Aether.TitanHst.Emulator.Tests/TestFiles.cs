using System;
using System.Globalization;
using System.IO;

namespace Aether.TitanHst.Emulator.Tests;

/// <summary>
/// One temporary folder per test process for the seeds and state files the tests write, removed when the process
/// ends: a day of test runs left hundreds of them in the machine's temporary folder.
/// </summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "aether-titanhst-emulator-tests-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Still held by an emulator shutting down: the next clean of the temporary folder takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return root;
    });

    /// <summary>A fresh path in the process's folder, named after <paramref name="prefix"/>.</summary>
    internal static string NewPath(string prefix, string extension) =>
        Path.Combine(Root.Value, prefix + "-" + Guid.NewGuid().ToString("N") + extension);
}
