using Aether.TitanHst.Emulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Endpoints;

/// <summary>GET roles, sites (docs §5) and schema (docs §9).</summary>
internal static class ReferenceEndpoints
{
    public const string ApiVersion = "1.0";

    private const int TimestampMaxLength = 40;

    public static void Map(WebApplication app, EmulatorState state)
    {
        app.MapGet("/api/v1/roles", () => Codes(state.Store.Roles));
        app.MapGet("/api/v1/sites", () => Codes(state.Store.Sites));
        app.MapGet("/api/v1/schema", () => Schema(state.Settings.SchemaVersion, state.InstanceId));
    }

    private static BytesResult Codes(System.Collections.Generic.IReadOnlyList<CodeItem> items) => JsonBody.Create(200, w =>
    {
        w.WriteStartObject();
        SeedFiles.WriteCodes(w, "items", items);
        w.WriteEndObject();
    });

    private static BytesResult Schema(string schemaVersion, string instanceId) => JsonBody.Create(200, w =>
    {
        w.WriteStartObject();
        w.WriteString("apiVersion", ApiVersion);
        w.WriteString("schemaVersion", schemaVersion);
        w.WriteString("instanceId", instanceId);
        // An emulator is always a sandbox: conformance write checks may run against it (docs §9, decision 0009).
        w.WriteString("environment", "sandbox");
        w.WriteStartArray("staffFields");
        void Field(string name, string type, string? format, int? maxLength, bool required, bool readOnly, bool nullable)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("type", type);
            if (format is null) w.WriteNull("format"); else w.WriteString("format", format);
            if (maxLength is int max) w.WriteNumber("maxLength", max); else w.WriteNull("maxLength");
            w.WriteBoolean("required", required);
            w.WriteBoolean("readOnly", readOnly);
            w.WriteBoolean("nullable", nullable);
            w.WriteEndObject();
        }

        Field("id", "string", null, 16, false, true, false);
        var external = StaffFields.ByName["externalId"];
        Field(external.Name, "string", null, external.MaxLength, false, false, true);
        Field("active", "boolean", null, null, false, false, false);
        Field("version", "integer", null, null, false, true, false);
        // Strings carry their bound: 40 for the timestamps (docs §9, "Lengths of other values").
        Field("createdAt", "string", "date-time", TimestampMaxLength, false, true, false);
        Field("updatedAt", "string", "date-time", TimestampMaxLength, false, true, false);
        foreach (var f in StaffFields.Writable)
        {
            if (f != external)
            {
                var format = f.Format is "email" or "date" ? f.Format : null;
                Field(f.Name, "string", format, f.MaxLength, f.Required, false, !f.Required);
            }
        }

        {
            // Decision 0011: an array member, never null in responses (null on a write is read as []).
            Field("assignments", "array", null, null, false, false, false);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
