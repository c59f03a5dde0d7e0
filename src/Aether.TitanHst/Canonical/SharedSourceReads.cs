using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The source reads two contracts' extractions can share (the contract preview): a source whose read would give
    /// both the same rows, issues and hash is read once, by whichever extraction gets to it first, and the other
    /// takes that read. The rows are never changed after the read (<see cref="SourceRowStore"/>), so sharing them is safe.
    /// </summary>
    /// <remarks>
    /// A read (<see cref="SourceRowReader.Read"/>) depends only on: the source's place in the list (its rows carry
    /// it), name, path, encoding, delimiter, columns and key column; the join's key rules and blank-key rule; the
    /// input-safety rules for unsafe characters and formula keys. Two contracts share a source's read only when all
    /// of those are equal by value: the path compared is the one read (the live export when every source is
    /// shared, else the preview's private copy, one per export path), so equal paths are equal bytes; key rules are
    /// compared by their JSON text, and never shared when a key rule looks codes up in a mapping table (the text
    /// names the table, not its contents). Anything else differing (a column added, a rule edited) and each contract reads its own.
    /// </remarks>
    internal sealed class SharedSourceReads
    {
        private readonly Lazy<SourceFileRead>?[] _reads;

        private SharedSourceReads(Lazy<SourceFileRead>?[] reads) => _reads = reads;

        /// <summary>The reads shared between <paramref name="first"/> and <paramref name="second"/>, as each will read them.</summary>
        /// <param name="first">The first extraction's contract (its reads are the shared ones).</param>
        /// <param name="second">The second extraction's contract.</param>
        /// <param name="timed">Told each shared read's source name and start (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>) once it ends (the bench's stage times), or null.</param>
        public static SharedSourceReads Between(MappingContract first, MappingContract second, Action<string, long>? timed = null)
        {
            var count = Math.Min(first.Sources.Count, second.Sources.Count);
            var reads = new Lazy<SourceFileRead>?[count];
            if (SameKeyReading(first, second))
            {
                for (var s = 0; s < count; s++)
                {
                    if (SameSource(first.Sources[s], second.Sources[s]))
                    {
                        var index = s;
                        // One read, exceptions included: the second extraction meets the same failure on the same bytes.
                        reads[s] = new Lazy<SourceFileRead>(
                            () =>
                            {
                                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                                var read = SourceRowReader.Read(first, index, shared: true);
                                timed?.Invoke(first.Sources[index].Name, start);
                                return read;
                            },
                            LazyThreadSafetyMode.ExecutionAndPublication);
                    }
                }
            }

            return new SharedSourceReads(reads);
        }

        /// <summary>
        /// Whether every source of <paramref name="first"/> and <paramref name="second"/> would be shared (<see cref="Between"/>):
        /// each export then read once for both contracts, so neither can see bytes the other did not.
        /// </summary>
        public static bool ReadAlike(MappingContract first, MappingContract second) =>
            first.Sources.Count == second.Sources.Count
            && SameKeyReading(first, second)
            && first.Sources.Zip(second.Sources, SameSource).All(same => same);

        /// <summary>How many sources are shared.</summary>
        public int Count => _reads.Count(r => r is not null);

        /// <summary>The shared read of source <paramref name="index"/> (read now if no one has), or null when it is not shared.</summary>
        public SourceFileRead? Read(int index) => index < _reads.Length ? _reads[index]?.Value : null;

        /// <summary>
        /// Reads the shared sources not read yet, last first, so a second thread reads the later exports while the
        /// first extraction reads the earlier ones. A failure is left for the extraction that meets it in its order.
        /// </summary>
        public void ReadAheadFromLast()
        {
            for (var s = _reads.Length - 1; s >= 0; s--)
            {
                if (_reads[s] is { IsValueCreated: false } read)
                {
                    try
                    {
                        _ = read.Value;
                    }
                    catch (Exception)
                    {
                        // Cached by the Lazy: the extraction reading this source in order throws it there.
                        return;
                    }
                }
            }
        }

        /// <summary>Lets go of every read (the rows of every shared export), once no extraction needs them.</summary>
        public void Release() => Array.Clear(_reads, 0, _reads.Length);

        private static bool SameKeyReading(MappingContract a, MappingContract b) =>
            a.Join.BlankKey == b.Join.BlankKey
            && string.Equals(a.Join.KeyRulesText, b.Join.KeyRulesText, StringComparison.Ordinal)
            && a.Join.KeyRules.Rules.Count == b.Join.KeyRules.Rules.Count
            && !a.Join.KeyRules.Rules.Any(r => r is LookupRule) && !b.Join.KeyRules.Rules.Any(r => r is LookupRule)
            && a.InputSafety.UnsafeCharacters == b.InputSafety.UnsafeCharacters
            && a.InputSafety.AllowFormulaKeys == b.InputSafety.AllowFormulaKeys;

        private static bool SameSource(SourceDefinition a, SourceDefinition b) =>
            string.Equals(a.Name, b.Name, StringComparison.Ordinal)
            && string.Equals(a.Path, b.Path, StringComparison.Ordinal)
            && string.Equals(a.Encoding, b.Encoding, StringComparison.Ordinal)
            && string.Equals(a.Delimiter, b.Delimiter, StringComparison.Ordinal)
            && string.Equals(a.KeyColumn, b.KeyColumn, StringComparison.Ordinal)
            && a.AllowEmpty == b.AllowEmpty
            && a.Columns.SequenceEqual(b.Columns, StringComparer.Ordinal);
    }
}
