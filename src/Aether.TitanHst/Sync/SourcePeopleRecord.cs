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
    /// delete the kept snapshot too). Written whole through a temporary file and a rename, so a crash never leaves it
    /// empty; a record that is there but cannot be read stops every run that would remove anyone, since skipping the
    /// check would let exactly the export it exists for through.
    /// </remarks>
    internal static class SourcePeopleRecord
    {
        /// <summary>A drop of more than this share since the last accepted run stops a run that would remove anyone.</summary>
        internal const double MaxShrink = 0.05;

        internal static string PathFor(string snapshotFolder, string keptSnapshotName) =>
            Path.Combine(snapshotFolder, Path.GetFileNameWithoutExtension(keptSnapshotName) + ".source-people.json");

        /// <summary>The last accepted run's count and time; null when no run recorded one yet.</summary>
        /// <exception cref="InvalidDataException">The record is there but cannot be read or is not one.</exception>
        internal static (int People, DateTimeOffset At)? Read(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException(e.Message, e);
            }

            try
            {
                using var document = JsonDocument.Parse(bytes);
                var root = document.RootElement;
                return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("people", out var people) && people.ValueKind == JsonValueKind.Number && people.TryGetInt32(out var count) && count >= 0
                    && root.TryGetProperty("at", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var when)
                    ? (count, when)
                    : throw new InvalidDataException("it is not a count of people with its time");
            }
            catch (JsonException)
            {
                throw new InvalidDataException(bytes.Length == 0 ? "it is empty" : "it is not JSON");
            }
        }

        internal static void Write(string path, int people, DateTimeOffset at)
        {
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateFiles.EnsureFolder(folder!);
            }

            var bytes = new UTF8Encoding(false).GetBytes("{\"people\":" + people.ToString(CultureInfo.InvariantCulture) + ",\"at\":\"" + at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + "\"}\n");
            ReplacedFile.Write(path, ownerOnly: true, stream =>
            {
                stream.Write(bytes, 0, bytes.Length);
                if (stream is FileStream file)
                {
                    // On disk before the rename: the record that replaces the old one is never one a crash left empty.
                    file.Flush(flushToDisk: true);
                }
            });
        }

        /// <summary>Why a run whose diff removes <paramref name="removals"/> people must stop for review, or null: the record cannot be read, or the people fell sharply.</summary>
        internal static string? StopReason(string path, int people, int removals)
        {
            if (removals == 0)
            {
                return null;
            }

            try
            {
                return Shrunk(Read(path), people, removals);
            }
            catch (InvalidDataException ex)
            {
                return $"The record of the last accepted run's people, {path}, cannot be read ({ex.Message}), so the exports' {people} people cannot be compared with it, and the diff would remove {removals} from TitanHST. "
                    + "Check the exports; if they are whole, delete that file (the next accepted run writes it anew)";
            }
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
