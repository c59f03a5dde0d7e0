using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// What an export's first line says about its shape: the column names in order, how the bytes are encoded (byte
    /// order mark and whether the text is UTF-8) and the delimiter the header uses. Recorded once, compared on every
    /// later run, so a vendor's export change is named before it turns into a wrong diff.
    /// </summary>
    public sealed class SourceHeader
    {
        /// <summary>The header's column names, trimmed, in file order.</summary>
        public List<string> Columns { get; set; } = new();

        /// <summary>"utf-8 with BOM", "utf-8", "ascii", "utf-16le with BOM", "utf-16be with BOM" or "single-byte (not utf-8)".</summary>
        public string Encoding { get; set; } = string.Empty;

        /// <summary>The delimiter the header line uses most (",", ";", "\t" or "|").</summary>
        public string Delimiter { get; set; } = string.Empty;

        /// <summary>The file name (not the folder) the header was read from.</summary>
        public string File { get; set; } = string.Empty;

        public DateTimeOffset RecordedAt { get; set; }
    }
}
