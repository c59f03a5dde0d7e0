using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Emulator;

/// <summary>OAuth scopes of the API document (§2.1): what a token may do, and which scope each endpoint needs.</summary>
internal static class Scopes
{
    public const string StaffRead = "staff.read";
    public const string StaffWrite = "staff.write";
    public const string ReferenceRead = "reference.read";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { StaffRead, StaffWrite, ReferenceRead };

    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal) { StaffRead, ReferenceRead };

    /// <summary>The scope an /api/v1 request needs: staff.write for any change to staff, staff.read to read staff, reference.read for the rest.</summary>
    public static string RequiredFor(string method, string path)
    {
        if (path.StartsWith("/api/v1/staff", StringComparison.OrdinalIgnoreCase))
        {
            return HttpMethodsAreReads(method) ? StaffRead : StaffWrite;
        }

        return ReferenceRead;
    }

    /// <summary>Parses a space-separated scope request (RFC 6749 §3.3); unknown names are returned in <paramref name="unknown"/>.</summary>
    public static HashSet<string> Parse(string? text, out List<string> unknown)
    {
        var names = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        unknown = names.Where(n => !All.Contains(n)).ToList();
        return new HashSet<string>(names.Where(All.Contains), StringComparer.Ordinal);
    }

    public static string Format(IEnumerable<string> scopes) => string.Join(' ', scopes.OrderBy(s => s, StringComparer.Ordinal));

    private static bool HttpMethodsAreReads(string method) =>
        string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase);
}
