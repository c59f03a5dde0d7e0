using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// The district a source or contract case runs in: a private copy of a fixture (<c>fixture</c>, default
    /// mini-district), with every file of the case folder but case.json laid over it at the same relative path, and
    /// the case's <c>contractEdits</c> (<c>[{ "find": ..., "replace": ... }]</c>, or <c>"replaceHex"</c> for bytes) applied to its contract.
    /// </summary>
    internal static class CaseDistrict
    {
        internal static TempDistrict Create(BadInputCase badCase)
        {
            var district = new TempDistrict(badCase.Member("fixture") ?? "mini-district");
            try
            {
                foreach (var file in Directory.GetFiles(badCase.Folder, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(badCase.Folder, file);
                    if (relative == "case.json")
                    {
                        continue;
                    }

                    var destination = district.PathOf(relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    File.Copy(file, destination, overwrite: true);
                }

                if (badCase.Definition.TryGetProperty("contractEdits", out var edits))
                {
                    foreach (var edit in edits.EnumerateArray())
                    {
                        // EditContract fails when the text is missing, so a stale case cannot silently test nothing.
                        if (edit.TryGetProperty("replaceHex", out var hex))
                        {
                            // Bytes that need not be UTF-8 (an editor that saved in another encoding).
                            var bytes = File.ReadAllBytes(district.ContractPath);
                            var find = System.Text.Encoding.UTF8.GetBytes(edit.GetProperty("find").GetString()!);
                            var at = bytes.AsSpan().IndexOf(find);
                            Assert.True(at >= 0, $"{badCase.Name}: the contract does not hold {edit.GetProperty("find").GetString()}");
                            File.WriteAllBytes(district.ContractPath, [.. bytes.AsSpan(0, at), .. Convert.FromHexString(hex.GetString()!), .. bytes.AsSpan(at + find.Length)]);
                            continue;
                        }

                        district.EditContract(edit.GetProperty("find").GetString()!, edit.GetProperty("replace").GetString()!);
                    }
                }

                return district;
            }
            catch
            {
                district.Dispose();
                throw;
            }
        }

        internal static string[] Strings(BadInputCase badCase, string member) =>
            badCase.Definition.TryGetProperty(member, out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(k => k.GetString() ?? string.Empty).ToArray()
                : Array.Empty<string>();
    }
}
