using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// A record's created and updated times, parsed as the document reader parses them (RequiredTime).
    /// </summary>
    internal sealed partial class SnapshotRecordParser
    {
        private string? _lastTimeText;
        private DateTimeOffset _lastTime;

        /// <summary>The record's times: created when it has one, updated always; false when either does not read.</summary>
        [MethodImpl(Hot.Path)]
        private bool TryTimes(string? createdAt, string updatedAt, out DateTimeOffset? created, out DateTimeOffset updated)
        {
            created = null;
            updated = default;
            if (createdAt is not null)
            {
                if (!TryTime(createdAt, out var c))
                {
                    return false;
                }

                created = c;
            }

            return TryTime(updatedAt, out updated);
        }

        // The same parse as RequiredTime; the last text's value is kept, since consecutive records often share it.
        [MethodImpl(Hot.Path)]
        private bool TryTime(string text, out DateTimeOffset value)
        {
            if (ReferenceEquals(text, _lastTimeText))
            {
                value = _lastTime;
                return true;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
            {
                return false;
            }

            _lastTimeText = text;
            _lastTime = value;
            return true;
        }
    }
}
