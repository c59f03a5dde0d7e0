using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Writes an entry as one JSON line with a fixed property order, <c>hash</c> last. Absent values are left out,
    /// except <c>prevHash</c>, which is null only on the first entry ever written.
    /// </summary>
    internal static class AuditEntryJson
    {
        /// <summary>The keyed chain: <c>hash</c> is an HMAC under the installation key.</summary>
        public const int FormatVersion = 2;

        /// <summary>The unkeyed legacy chain (plain SHA-256), still read and verified as a weaker guarantee, never written.</summary>
        public const int LegacyFormatVersion = 1;

        private static readonly JsonWriterOptions WriterOptions = new()
        {
            // Readable text (García, not Garc\u00EDa); the file is data, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>The complete line, newline included, and sets <see cref="AuditEntry.Hash"/>.</summary>
        public static byte[] ToLine(AuditEntry entry, AuditChainKey key)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, WriterOptions))
            {
                WriteBody(w, entry);
            }

            // The body ends with '}': the hash covers everything before it, then the hash closes the object.
            var body = buffer.ToArray();
            var hashedLength = body.Length - 1;
            entry.Format = FormatVersion;
            entry.Hash = key.MacEntry(body, hashedLength);
            var tail = Encoding.ASCII.GetBytes(",\"hash\":\"" + entry.Hash + "\"}\n");
            var line = new byte[hashedLength + tail.Length];
            Buffer.BlockCopy(body, 0, line, 0, hashedLength);
            Buffer.BlockCopy(tail, 0, line, hashedLength, tail.Length);
            return line;
        }

        private static void WriteBody(Utf8JsonWriter w, AuditEntry e)
        {
            w.WriteStartObject();
            w.WriteNumber(AuditJsonNames.Format, FormatVersion);
            w.WriteNumber(AuditJsonNames.Sequence, e.Sequence);
            w.WriteString(AuditJsonNames.Time, FormatTime(e.Time));
            w.WriteString(AuditJsonNames.Kind, AuditJsonNames.OfKind(e.GetKind()));
            WriteOptional(w, AuditJsonNames.RunId, e.RunId);
            w.WriteStartObject(AuditJsonNames.Operator);
            w.WriteString(AuditJsonNames.User, e.Operator.User);
            w.WriteString(AuditJsonNames.Machine, e.Operator.Machine);
            w.WriteEndObject();
            if (e.Contract is { } contract)
            {
                w.WriteStartObject(AuditJsonNames.Contract);
                w.WriteString(AuditJsonNames.Id, contract.Id);
                w.WriteString(AuditJsonNames.Version, contract.Version);
                w.WriteString(AuditJsonNames.Hash, contract.Hash);
                w.WriteEndObject();
            }

            WriteOptional(w, AuditJsonNames.PlanHash, e.PlanHash);
            WriteOptional(w, AuditJsonNames.Action, e.Action);
            WriteOptional(w, AuditJsonNames.ExternalId, e.ExternalId);
            if (e.Fields.Count > 0)
            {
                w.WriteStartObject(AuditJsonNames.Fields);
                foreach (var field in e.Fields)
                {
                    w.WriteStartObject(field.Name);
                    w.WriteString(AuditJsonNames.Mode, AuditJsonNames.OfMode(field.GetMode()));
                    w.WriteString(AuditJsonNames.Value, field.Value);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            WriteOptional(w, AuditJsonNames.HttpStatus, e.HttpStatus);
            WriteOptional(w, AuditJsonNames.Attempts, e.Attempts);
            WriteOptional(w, AuditJsonNames.Outcome, e.Outcome);
            WriteOptional(w, AuditJsonNames.Error, e.Error);
            WriteOptional(w, AuditJsonNames.Reason, e.Reason);
            if (e.Access is { } access)
            {
                w.WriteStartObject(AuditJsonNames.Access);
                w.WriteString(AuditJsonNames.What, access.What);
                w.WriteNumber(AuditJsonNames.Count, access.Count);
                WriteOptional(w, AuditJsonNames.Target, access.Target);
                w.WriteEndObject();
            }

            if (e.Removed is { } removed)
            {
                w.WriteStartArray(AuditJsonNames.Removed);
                foreach (var file in removed)
                {
                    w.WriteStartObject();
                    w.WriteString(AuditJsonNames.File, file.File);
                    w.WriteNumber(AuditJsonNames.Entries, file.Entries);
                    w.WriteNumber(AuditJsonNames.FirstSequence, file.FirstSequence);
                    w.WriteNumber(AuditJsonNames.LastSequence, file.LastSequence);
                    w.WriteString(AuditJsonNames.LastHash, file.LastHash);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteString(AuditJsonNames.PrevHash, e.PrevHash);
            w.WriteEndObject();
        }

        internal static string FormatTime(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
        {
            if (value is not null)
            {
                w.WriteString(name, value);
            }
        }

        private static void WriteOptional(Utf8JsonWriter w, string name, int? value)
        {
            if (value is { } v)
            {
                w.WriteNumber(name, v);
            }
        }
    }
}
