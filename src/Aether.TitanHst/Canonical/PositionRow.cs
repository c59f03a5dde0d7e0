using System;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>One position row as <see cref="PositionResolver"/> read it; pooled by the resolver and filled again for each person.</summary>
    internal sealed class PositionRow
    {
        internal PositionSource Source { get; private set; } = null!;

        internal SourceRow Row { get; private set; }

        /// <summary>
        /// The position id, trimmed; null when the source has no position key column. Read when first asked: only the
        /// primary rule's tie-break asks, and only for a person with two current positions or more, so most rows never
        /// make the string.
        /// </summary>
        internal string? PositionKey
        {
            get
            {
                if (!_positionKeyRead)
                {
                    _positionKey = _positionKeyColumn < 0 ? null : Row[_positionKeyColumn].Trim();
                    _positionKeyRead = true;
                }

                return _positionKey;
            }
        }

        private int _positionKeyColumn = -1;
        private bool _positionKeyRead;
        private string? _positionKey;

        internal bool Current { get; set; } = true;

        internal string Site { get; private set; } = string.Empty;

        internal string Role { get; private set; } = string.Empty;

        /// <summary>"SITE/ROLE", made once when the codes are known.</summary>
        internal string Slot { get; private set; } = "/";

        internal decimal? Fte { get; set; }

        internal bool Flagged { get; set; }

        internal DateTime? Start { get; set; }

        [MethodImpl(Hot.Path)]
        internal void Reset(PositionSource source, SourceRow row, int positionKeyColumn)
        {
            Source = source;
            Row = row;
            HasRow = true;
            _positionKeyColumn = positionKeyColumn;
            _positionKeyRead = false;
            _positionKey = null;
            Current = true;
            Site = Role = string.Empty;
            Slot = "/";
            Fte = null;
            Flagged = false;
            Start = null;
        }

        internal bool HasRow { get; private set; }

        internal void Forget()
        {
            Row = default;
            HasRow = false;
        }

        internal void SetCodes(string site, string role, string slot)
        {
            Site = site;
            Role = role;
            Slot = slot;
        }
    }
}
