using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// Resolves the paths a contract names (sources, mapping tables). A path that cannot be a file name (a NUL, an
    /// illegal character) is a contract error, not a runtime exception; a path that leaves the contract's folder
    /// (<c>../../etc/os-release</c>, an absolute path) is refused unless the contract opts out with
    /// <c>inputSafety.allowPathsOutsideContractFolder</c>, so a contract cannot quietly read files it was not meant to.
    /// </summary>
    internal static class ContractPaths
    {
        private static readonly StringComparison FileNameComparison =
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>The full path of the contract file itself, or an <see cref="InputFileException"/> when it is no path at all.</summary>
        internal static string FullPath(string path, string at, string property)
        {
            try
            {
                if (path.Any(c => char.IsControl(c)) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                {
                    throw new ArgumentException("invalid characters");
                }

                return Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new InputFileException(InputErrorIds.ContractPathInvalid, Printable(path), 0, property,
                    $"the path{(at.Length == 0 ? string.Empty : " " + at)} is not a valid file path (it holds a control or illegal character, or is too long)");
            }
        }

        /// <summary>Resolves <paramref name="relative"/> from the contract's folder, enforcing the folder unless allowed.</summary>
        internal static string Resolve(string directory, string relative, string at, bool allowOutside)
        {
            string full;
            try
            {
                if (relative.Any(c => char.IsControl(c)) || relative.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                {
                    throw new ArgumentException("invalid characters");
                }

                full = Path.GetFullPath(Path.Combine(directory, relative));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new ContractPathException(at, "not a valid file path: it holds a control character (NUL?) or a character file names cannot have, or is too long", InputErrorIds.ContractPathInvalid);
            }

            if (!allowOutside && !IsInside(directory, full))
            {
                throw new ContractPathException(at,
                    "the path leads outside the contract's folder (an absolute path or '..'); keep exports and mapping tables beside the contract, or set inputSafety.allowPathsOutsideContractFolder: true",
                    InputErrorIds.ContractPathOutsideFolder);
            }

            return full;
        }

        internal static bool IsInside(string directory, string full)
        {
            var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return full.StartsWith(root, FileNameComparison);
        }

        private static string Printable(string path) => new(path.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
