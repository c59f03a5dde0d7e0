using System.IO;

namespace Aether.TitanHst.Errors
{
    /// <summary>
    /// The one check every reader makes before opening a file it was given: a folder is named as a folder, not as
    /// "not found" or as an unwritable or existing file, which sends the operator looking in the wrong place.
    /// </summary>
    public static class InputFiles
    {
        /// <summary>Throws <see cref="InputErrorIds.PathIsFolder"/> or <see cref="InputErrorIds.FileNotFound"/> unless <paramref name="path"/> is a file.</summary>
        /// <param name="path">The full path.</param>
        /// <param name="notFound">The reader's own words for a missing file, such as "plan file not found".</param>
        /// <param name="origin">Where the path came from, for the advice shown with the error.</param>
        public static void RequireFile(string path, string notFound, InputPathOrigin origin)
        {
            if (File.Exists(path))
            {
                return;
            }

            if (Directory.Exists(path))
            {
                throw Folder(path, origin);
            }

            throw new InputFileException(InputErrorIds.FileNotFound, path, 0, string.Empty, notFound) { Origin = origin };
        }

        /// <summary>True when <paramref name="path"/> names an existing folder (where a command writes a file, say).</summary>
        public static bool IsFolder(string path) => Directory.Exists(path);

        /// <summary>The error for a folder given where a file is expected.</summary>
        public static InputFileException Folder(string path, InputPathOrigin origin) =>
            new(InputErrorIds.PathIsFolder, path, 0, string.Empty, FolderProblem(path)) { Origin = origin };

        /// <summary>"'&lt;path&gt;' is a folder; give the path of a file".</summary>
        public static string FolderProblem(string path) => $"'{path}' is a folder; give the path of a file";
    }
}
