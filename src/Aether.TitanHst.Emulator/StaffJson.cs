using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Aether.TitanHst.Emulator.Model;

namespace Aether.TitanHst.Emulator;

/// <summary>Writes staff records in the wire shape of docs/titanhst-api.md §3 (member order as documented).</summary>
internal static class StaffJson
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static byte[] ToBytes(StaffRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(768);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            Write(writer, record, includeEtag: false);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter w, StaffRecord r, bool includeEtag)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        WriteNullable(w, "externalId", r.ExternalId);
        w.WriteBoolean("active", r.Active);
        w.WriteNumber("version", r.Version);
        w.WriteString("createdAt", r.CreatedAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));
        w.WriteString("updatedAt", r.UpdatedAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));
        foreach (var field in StaffFields.Writable)
        {
            if (field.Name != "externalId")
            {
                WriteNullable(w, field.Name, field.Get(r));
            }
        }

        w.WriteStartArray("assignments");
        foreach (var a in r.Assignments)
        {
            w.WriteStartObject();
            w.WriteString("siteCode", a.SiteCode);
            w.WriteString("roleCode", a.RoleCode);
            w.WriteBoolean("primary", a.Primary);
            if (a.Fte is decimal fte)
            {
                w.WriteNumber("fte", fte);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (includeEtag)
        {
            w.WriteString("etag", ETag(r.Version));
        }

        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
