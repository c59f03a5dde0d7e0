using System;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// Ids are "stf_" + 12 base-36 digits. Fixed width and lowercase, so ordinal string order equals numeric order;
/// the emulator hands out increasing numbers, so new records sort last and list paging can append in O(1).
/// </summary>
internal static class StaffIds
{
    public const string Prefix = "stf_";
    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const int Width = 12;

    /// <summary>Where numbering starts in an empty store ("stf_a00000000000"), so ids do not look like counts.</summary>
    public static readonly long FirstNumber = 10L * Pow36(11);

    public static string Format(long number)
    {
        Span<char> chars = stackalloc char[Prefix.Length + Width];
        Prefix.AsSpan().CopyTo(chars);
        for (var i = chars.Length - 1; i >= Prefix.Length; i--)
        {
            chars[i] = Digits[(int)(number % 36)];
            number /= 36;
        }

        return new string(chars);
    }

    public static bool TryParse(string? id, out long number)
    {
        number = 0;
        if (id is null || id.Length != Prefix.Length + Width || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = Prefix.Length; i < id.Length; i++)
        {
            var digit = Digits.IndexOf(id[i], StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }

            number = (number * 36) + digit;
        }

        return true;
    }

    private static long Pow36(int exponent)
    {
        long value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 36;
        }

        return value;
    }
}
