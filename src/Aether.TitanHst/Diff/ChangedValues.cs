using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// What an update or a reactivation writes, read from its field changes: each changed field's new value, in the
    /// changes' order. A view, not a dictionary of its own per change (a few fields each, ~19k changes per 100k diff:
    /// ~4 MiB of dictionaries that lived as long as the diff).
    /// </summary>
    internal sealed class ChangedValues : IReadOnlyDictionary<string, string?>
    {
        private readonly IReadOnlyList<FieldChange> _changes;

        /// <param name="changes">The changes, one per field (the change builder adds each owned field at most once).</param>
        internal ChangedValues(IReadOnlyList<FieldChange> changes) => _changes = changes;

        public int Count => _changes.Count;

        public IEnumerable<string> Keys => _changes.Select(c => c.Field);

        public IEnumerable<string?> Values => _changes.Select(c => c.New);

        public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The change does not write the field '{key}'.");

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, out string? value)
        {
            for (var i = 0; i < _changes.Count; i++)
            {
                if (string.Equals(_changes[i].Field, key, System.StringComparison.Ordinal))
                {
                    value = _changes[i].New;
                    return true;
                }
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
        {
            for (var i = 0; i < _changes.Count; i++)
            {
                yield return new KeyValuePair<string, string?>(_changes[i].Field, _changes[i].New);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
