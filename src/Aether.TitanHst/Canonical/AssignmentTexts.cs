using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Positions;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The texts every person repeats (a slot "SITE/ROLE", a one-assignment set "LHS/TEACHER*@1", an FTE), written
    /// into one buffer and shared, not made again per position and per person. One per resolver: not thread-safe.
    /// </summary>
    internal sealed class AssignmentTexts
    {
        private readonly ColumnInterner _slotTexts = new();
        private readonly ColumnInterner _setTexts = new();
        private readonly Dictionary<decimal, string> _fteTexts = new();

        // Most people hold one slot: its one-element slot list is shared (AssignmentRows only reads it).
        private readonly Dictionary<string, string[]> _oneSlot = new(StringComparer.Ordinal);
        private char[] _text = new char[128];
        private int _textLength;

        /// <summary>What <see cref="AssignmentSet.Format"/> writes for these entries (in canonical order), shared when it repeats; null for none.</summary>
        [MethodImpl(Hot.Path)]
        internal string? Format(List<AssignmentEntry> entries)
        {
            if (entries.Count == 0)
            {
                return null;
            }

            _textLength = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (i > 0)
                {
                    Append("; ");
                }

                Append(entry.Slot);
                if (entry.Primary)
                {
                    Append("*");
                }

                if (entry.Fte is { } fte)
                {
                    Append("@");
                    Append(FteText(fte));
                }
            }

            return _setTexts.Get(new ReadOnlySpan<char>(_text, 0, _textLength));
        }

        [MethodImpl(Hot.Path)]
        internal string[] SlotList(List<string> slots)
        {
            if (slots.Count != 1)
            {
                return slots.ToArray();
            }

            if (!_oneSlot.TryGetValue(slots[0], out var one))
            {
                one = new[] { slots[0] };
                if (_oneSlot.Count < 4096)
                {
                    _oneSlot.Add(slots[0], one);
                }
            }

            return one;
        }

        /// <summary>"SITE/ROLE", one shared string per slot.</summary>
        [MethodImpl(Hot.Path)]
        internal string SlotOf(string site, string role)
        {
            _textLength = 0;
            Append(site);
            Append("/");
            Append(role);
            return _slotTexts.Get(new ReadOnlySpan<char>(_text, 0, _textLength));
        }

        [MethodImpl(Hot.Path)]
        private string FteText(decimal fte)
        {
            // Equal decimals (0.5 and 0.50) format alike under "0.####", so one text per value is exact.
            if (!_fteTexts.TryGetValue(fte, out var text))
            {
                text = Assignment.FormatFte(fte);
                if (_fteTexts.Count < 1024)
                {
                    _fteTexts.Add(fte, text);
                }
            }

            return text;
        }

        [MethodImpl(Hot.Path)]
        private void Append(string value)
        {
            if (_textLength + value.Length > _text.Length)
            {
                Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + value.Length));
            }

            value.CopyTo(0, _text, _textLength, value.Length);
            _textLength += value.Length;
        }
    }
}
