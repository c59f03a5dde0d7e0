using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Aether.TitanHst.Emulator.Model;

namespace Aether.TitanHst.Emulator;

/// <summary>Reads and writes the seed/state JSON of docs/emulator.md, streaming, so a million records fit.</summary>
internal static class SeedFiles
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reference data used when no seed file is given, so an empty emulator accepts writes.</summary>
    public static SeedDocument Default() => new()
    {
        Roles = new List<CodeItem>
        {
            new("ADM", "Administrator", true), new("CLS", "Classified", true),
            new("SUB", "Substitute", true), new("TCH", "Teacher", true),
        },
        Sites = new List<CodeItem>
        {
            new("DO", "District Office", true), new("ES1", "Elementary School 1", true),
            new("HS1", "High School 1", true), new("MS1", "Middle School 1", true),
        },
    };

    public static SeedDocument Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return JsonSerializer.Deserialize<SeedDocument>(stream, ReadOptions)
                ?? throw new InvalidDataException($"Seed file '{path}' holds null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Seed file '{path}' is not valid seed JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes to a temporary file and renames it, so a crash never leaves a half-written state file. The state holds
    /// the (sample) staff: owner-only from the moment it exists, under a name nobody can guess, created exclusively so
    /// a file or link planted beside it is neither reused nor followed.
    /// </summary>
    public static void WriteAtomically(SeedDocument document, string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".partial");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            try
            {
                using (var writer = new Utf8JsonWriter(stream, JsonWriting.Options))
                {
                    // A file stream takes synchronous writes, so the flush callback completes at once.
                    WriteAsync(document, writer, () => Task.CompletedTask).GetAwaiter().GetResult();
                }

                stream.Flush(flushToDisk: true);
            }
            catch
            {
                stream.Dispose();
                File.Delete(temporary);
                throw;
            }
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Writes the document, calling <paramref name="flushAsync"/> every 64 KiB after flushing the writer.</summary>
    public static async Task WriteAsync(SeedDocument document, Utf8JsonWriter w, Func<Task> flushAsync)
    {
        w.WriteStartObject();
        WriteCodes(w, "roles", document.Roles);
        WriteCodes(w, "sites", document.Sites);
        w.WriteStartArray("staff");
        foreach (var record in document.Staff)
        {
            StaffJson.Write(w, record, includeEtag: false);
            if (w.BytesPending > 1 << 16)
            {
                w.Flush();
                await flushAsync();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        await flushAsync();
    }

    public static void WriteCodes(Utf8JsonWriter w, string name, IEnumerable<CodeItem> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("code", item.Code);
            w.WriteString("name", item.Name);
            w.WriteBoolean("active", item.Active);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
