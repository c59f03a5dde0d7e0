using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// The district a source or contract case runs in: a private copy of a fixture (<c>fixture</c>, default
    /// mini-district), with every file of the case folder but case.json laid over it at the same relative path, and
    /// the case's <c>contractEdits</c> (<c>[{ "find": ..., "replace": ... }]</c>) applied to its contract.
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
