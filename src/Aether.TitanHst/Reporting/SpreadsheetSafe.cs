using System.Runtime.CompilerServices;
namespace Aether.TitanHst.Reporting
{
    /// <summary>
    /// Neutralizes text a spreadsheet would run as a formula (CSV injection): a value starting with =, +, -, @,
    /// tab or carriage return gets a leading apostrophe, which Excel and LibreOffice show as text.
    /// </summary>
    public static class SpreadsheetSafe
    {
        [MethodImpl(Hot.Path)]
        public static string? Text(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return value;
            }

            var first = value![0];
            return first is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        }
    }
}
