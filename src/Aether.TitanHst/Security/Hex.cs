using System.Text;

namespace Aether.TitanHst.Security
{
    /// <summary>Lower-case hex, the form every MAC of this module is written in.</summary>
    internal static class Hex
    {
        internal static string Of(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }
    }
}
