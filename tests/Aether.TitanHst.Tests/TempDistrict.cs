using System;
using System.IO;
using System.Text;

namespace Aether.TitanHst.Tests
{
    /// <summary>A private copy of the mini-district fixture that a test may edit freely.</summary>
    public sealed class TempDistrict : IDisposable
    {
        public TempDistrict(string fixture = "mini-district")
        {
            Root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));
            Copy(Path.Combine(AppContext.BaseDirectory, "fixtures", fixture), Root);
        }

        public string Root { get; }

        public string ContractPath => Path.Combine(Root, "contract.jsonc");

        public string PathOf(string relative) => Path.Combine(Root, relative);

        public string ReadContract() => File.ReadAllText(ContractPath);

        public void WriteContract(string text) => File.WriteAllText(ContractPath, text);

        /// <summary>Replaces text in the contract, failing loudly if the text is not there (so a test cannot silently test nothing).</summary>
        public void EditContract(string find, string replace)
        {
            var text = ReadContract();
            Assert.Contains(find, text);
            WriteContract(text.Replace(find, replace));
        }

        /// <summary>The 1-based line of the contract on which <paramref name="needle"/> first appears.</summary>
        public int LineOf(string needle)
        {
            var lines = ReadContract().Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(needle, StringComparison.Ordinal))
                {
                    return i + 1;
                }
            }

            throw new InvalidOperationException($"'{needle}' is not in the contract");
        }

        public void WriteBytes(string relative, byte[] bytes) => File.WriteAllBytes(PathOf(relative), bytes);

        public void WriteText(string relative, string text, Encoding encoding) => File.WriteAllText(PathOf(relative), text, encoding);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }

            foreach (var dir in Directory.GetDirectories(from))
            {
                Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
            }
        }
    }
}
