using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>
    /// What someone with write access to a plan does: edits the plan's content and recomputes its hash. With a key,
    /// it also recomputes the MAC: that is someone holding the installation key, against whom only the gate's
    /// re-derivation from the contract helps.
    /// </summary>
    internal static class PlanForgery
    {
        internal static void Rewrite(string path, Func<string, string> edit, InstallationKey? key = null)
        {
            var text = File.ReadAllText(path);
            string raw;
            using (var document = JsonDocument.Parse(text))
            {
                raw = document.RootElement.GetProperty("plan").GetRawText();
            }

            var edited = edit(raw);
            if (edited == raw)
            {
                throw new InvalidOperationException("The edit changed nothing; the test would prove nothing.");
            }

            text = text.Replace(raw, edited, StringComparison.Ordinal);
            text = ReplaceMember(text, "hash", ContentHash.OfText(edited));
            if (key is not null)
            {
                text = ReplaceMember(text, "mac", key.Mac("plan", edited));
            }

            File.WriteAllText(path, text, new UTF8Encoding(false));
        }

        private static string ReplaceMember(string text, string name, string value)
        {
            var marker = $"\"{name}\": \"";
            var start = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            var end = text.IndexOf('"', start);
            return string.Concat(text.AsSpan(0, start), value, text.AsSpan(end));
        }
    }
}
