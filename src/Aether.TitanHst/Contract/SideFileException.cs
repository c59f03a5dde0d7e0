using System.Text.Json;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// What is wrong in a file the module keeps beside a contract (its version history, its recorded headers) that
    /// the JSON reader took but a reader of it cannot use: a null item of a list. Carries the member it is about, so
    /// the refusal names it as the reader's own errors name theirs.
    /// </summary>
    internal sealed class SideFileException : JsonException
    {
        internal SideFileException(string member, string problem)
            : base(problem) => Member = member;

        internal string Member { get; }

        /// <summary>The member a refusal names: ours, else the reader's path without its leading "$.".</summary>
        internal static string FieldOf(JsonException ex) =>
            ex is SideFileException side ? side.Member : (ex.Path ?? string.Empty).TrimStart('$').TrimStart('.');

        /// <summary>", a version is null" for ours; nothing for the reader's (its message holds offsets, not words for people).</summary>
        internal static string DetailOf(JsonException ex) => ex is SideFileException ? ": " + ex.Message : string.Empty;
    }
}
