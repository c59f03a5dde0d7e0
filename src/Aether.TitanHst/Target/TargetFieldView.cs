using System.Collections;
using System.Collections.Generic;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// A compact record's fields seen as a dictionary, made when code asks for <see cref="TargetStaffRecord.Fields"/>:
    /// the names come from the shared <see cref="TargetFieldLayout"/>, the values from the record, in the file's order.
    /// </summary>
    internal sealed class TargetFieldView : IReadOnlyDictionary<string, string?>
    {
        private readonly TargetFieldLayout _layout;
        private readonly string?[] _values;

        internal TargetFieldView(TargetFieldLayout layout, string?[] values)
        {
            _layout = layout;
            _values = values;
        }

        public int Count => _layout.Count;

        public IEnumerable<string> Keys => _layout.Names;

        public IEnumerable<string?> Values => _values;

        public string? this[string key] => _layout.TryGetPosition(key, out var i) ? _values[i] : throw new KeyNotFoundException($"The record has no field '{key}'.");

        public bool ContainsKey(string key) => _layout.TryGetPosition(key, out _);

        public bool TryGetValue(string key, out string? value)
        {
            if (_layout.TryGetPosition(key, out var i))
            {
                value = _values[i];
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
        {
            var names = _layout.Names;
            for (var i = 0; i < names.Length; i++)
            {
                yield return new KeyValuePair<string, string?>(names[i], _values[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
