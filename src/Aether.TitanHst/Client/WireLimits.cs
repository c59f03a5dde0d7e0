using System;
using System.Collections.Generic;
using System.Globalization;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// The longest value the API document (docs/titanhst-api.md §3, §5, §9 and "Lengths") allows for each member
    /// the client reads, in UTF-16 code units. A longer value is a vendor fault or an attack, never data: the
    /// response is refused rather than carried into snapshots, diffs and reports.
    /// </summary>
    internal static class WireLimits
    {
        internal const int Id = 16;
        internal const int ExternalId = 64;
        internal const int ETag = 32;
        internal const int Timestamp = 40;
        internal const int Cursor = 512;
        internal const int Version = 32;
        internal const int Code = 32;
        internal const int ReferenceName = 100;
        internal const int SchemaName = 64;
        internal const int SchemaWord = 16;
        internal const int AccessToken = 4096;

        /// <summary>A member this client does not know yet (kept for forward compatibility), at most as long as the longest known field.</summary>
        internal const int UnknownField = 2000;

        /// <summary>Problem title, detail and field messages are shown cut to this length rather than refused.</summary>
        internal const int ProblemText = 1000;

        private static readonly Dictionary<string, int> Fields = new(StringComparer.Ordinal)
        {
            ["firstName"] = 100,
            ["lastName"] = 100,
            ["email"] = 254,
            ["username"] = 64,
            ["title"] = 128,
            ["roleCode"] = 32,
            ["siteCode"] = 32,
            ["hireDate"] = 10,
            ["phone"] = 32,
            ["badgeNumber"] = 32,
            ["notes"] = 2000,
        };

        internal static int ForField(string name) => Fields.TryGetValue(name, out var max) ? max : UnknownField;

        /// <summary>Throws <see cref="FormatException"/> naming the member and both lengths, never the value.</summary>
        internal static string? Check(string? value, string what, int max) =>
            value is not null && value.Length > max && CodePoints(value) > max ? throw TooLong(what, CodePoints(value), max) : value;

        /// <summary>
        /// As <see cref="Check"/> for a member of a staff record; the message is built only on failure, since this
        /// runs for every field of every record a listing reads.
        /// </summary>
        internal static string? CheckMember(string? value, string member, string? recordId, int max) =>
            value is not null && value.Length > max && CodePoints(value) > max
                ? throw TooLong(recordId is null ? $"{member} of a staff record" : $"{member} of staff record {recordId}", CodePoints(value), max)
                : value;

        // The API document counts lengths in Unicode code points (decision 0009), as JSON Schema's maxLength does:
        // a surrogate pair is one character. UTF-16 length is an upper bound, so this runs only past it.
        private static int CodePoints(string value)
        {
            var count = value.Length;
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsLowSurrogate(value[i]) && i > 0 && char.IsHighSurrogate(value[i - 1]))
                {
                    count--;
                }
            }

            return count;
        }

        private static FormatException TooLong(string what, int length, int max) =>
            new($"{what} is {length.ToString(CultureInfo.InvariantCulture)} characters long; the API document allows at most {max.ToString(CultureInfo.InvariantCulture)}");

        /// <summary>For text shown in a message: cut, never refused (an error must still be reported).</summary>
        internal static string? Cut(string? value, int max) =>
            value is null || value.Length <= max ? value : value.Substring(0, max) + "…";
    }
}
