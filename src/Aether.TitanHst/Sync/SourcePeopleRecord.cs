using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Sync
{
    /// <summary>
    /// How many people the exports held when an unattended run last accepted them, kept beside the target's kept
    /// snapshot. An export cut at a row boundary, or yesterday's, is a valid CSV: the people it lost look like departures,
    /// and below the deactivation threshold nothing else holds them back. The sync compares each run's count with this.
    /// </summary>
    /// <remarks>
    /// Plain JSON: it guards against broken exports, not against someone who can write the snapshot folder (who could
    /// delete the kept snapshot too). A file that cannot be read is treated as absent, so the check is skipped once and
    /// the file is written anew.
    /// </remarks>
    internal static class SourcePeopleRecord
    {
        /// <summary>A drop of more than this share since the last accepted run stops a run that would remove anyone.</summary>
        internal const double MaxShrink = 0.05;

        internal static string PathFor(string snapshotFolder, string keptSnapshotName) =>
            Path.Combine(snapshotFolder, Path.GetFileNameWithoutExtension(keptSnapshotName) + ".source-people.json");

        internal static (int People, DateTimeOffset At)? Read(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = document.RootElement;
                return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("people", out var people) && people.TryGetInt32(out var count) && count > 0
                    && root.TryGetProperty("at", out var at) && at.TryGetDateTimeOffset(out var when)
                    ? (count, when)
                    : null;
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        internal static void Write(string path, int people, DateTimeOffset at)
        {
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateFiles.EnsureFolder(folder!);
            }

            var text = "{\"people\":" + people.ToString(CultureInfo.InvariantCulture) + ",\"at\":\"" + at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + "\"}\n";
            PrivateFiles.WriteAllText(path, text, new UTF8Encoding(false));
        }

        /// <summary>Why this run must stop for review, or null: the people fell by more than <see cref="MaxShrink"/> and the diff removes someone.</summary>
        internal static string? Shrunk((int People, DateTimeOffset At)? last, int people, int removals)
        {
            if (last is not { } before || removals == 0 || people >= before.People * (1 - MaxShrink))
            {
                return null;
            }

            var fewer = 100.0 * (before.People - people) / before.People;
            return string.Format(CultureInfo.InvariantCulture,
                "The exports hold {0} people, {1:0.#}% fewer than the {2} of the last accepted run ({3:yyyy-MM-dd HH:mm} UTC), and the diff would remove {4} from TitanHST: an export cut short, or an old one, looks like departures. Check the exports",
                people, fewer, before.People, before.At.UtcDateTime, removals);
        }
    }
}
