using System;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// A scanned field's value as the reference parser gives it: the quotes taken off and "" made one quote, a field
    /// with a quote where none can be kept as the reference parser keeps bad data.
    /// </summary>
    internal sealed partial class CsvRowScanner
    {
        private char[] _scratch = new char[256];

        /// <summary>The <paramref name="index"/>-th field's value: unquoted, "" made one quote. Valid until the next call.</summary>
        [MethodImpl(Hot.Path)]
        internal ReadOnlySpan<char> Value(int index)
        {
            ref var field = ref _fields[index];
            var raw = new ReadOnlySpan<char>(_buffer, field.Start, field.Length);
            if (field.IsBad || (field.QuoteCount > 0 && (raw[0] != '"' || raw[raw.Length - 1] != '"' || raw.Length == 1)))
            {
                return BadValue(raw);
            }

            if (field.QuoteCount == 0)
            {
                return raw;
            }

            raw = raw.Slice(1, raw.Length - 2);
            if (field.QuoteCount == 2)
            {
                return raw;
            }

            var scratch = Scratch(raw.Length);
            var written = 0;
            var inEscape = false;
            foreach (var c in raw)
            {
                if (inEscape)
                {
                    inEscape = false;
                }
                else if (c == '"')
                {
                    inEscape = true;
                    continue;
                }

                scratch[written++] = c;
            }

            return new ReadOnlySpan<char>(scratch, 0, written);
        }

        /// <summary>True when the field holds a quote where none can be (the reference parser's "bad data").</summary>
        [MethodImpl(Hot.Path)]
        internal bool IsBad(int index)
        {
            ref var field = ref _fields[index];
            return field.IsBad || (field.QuoteCount > 0 && (_buffer[field.Start] != '"' || _buffer[field.Start + field.Length - 1] != '"' || field.Length == 1));
        }

        // A field that is known to be bad keeps its text; a leading quote is dropped and "" read as one quote only
        // up to where the quoting broke, as the reference parser does.
        [MethodImpl(Hot.Path)]
        private ReadOnlySpan<char> BadValue(ReadOnlySpan<char> raw)
        {
            if (raw[0] != '"')
            {
                return raw;
            }

            var scratch = Scratch(raw.Length);
            var written = 0;
            var inEscape = false;
            var done = false;
            var c = '\0';
            for (var i = 1; i < raw.Length; i++)
            {
                var previous = c;
                c = raw[i];
                if (inEscape)
                {
                    inEscape = false;
                    if (c == '"')
                    {
                        continue;
                    }

                    if (previous == '"')
                    {
                        done = true;
                    }
                }

                if (c == '"' && !done)
                {
                    inEscape = true;
                    continue;
                }

                scratch[written++] = c;
            }

            return new ReadOnlySpan<char>(scratch, 0, written);
        }

        private char[] Scratch(int length)
        {
            if (_scratch.Length < length)
            {
                _scratch = new char[Math.Max(length, _scratch.Length * 2)];
            }

            return _scratch;
        }
    }
}
