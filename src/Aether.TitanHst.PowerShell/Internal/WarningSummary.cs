using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>
    /// Keeps a long run of warnings readable: the first few of each kind as warnings, the rest as verbose lines,
    /// and at the end one warning per kind with its count and where to see the others (-Verbose).
    /// </summary>
    internal sealed class WarningSummary
    {
        internal const int ShownPerKind = 3;

        private readonly Cmdlet _cmdlet;
        private readonly Dictionary<string, int> _counts = new();

        internal WarningSummary(Cmdlet cmdlet) => _cmdlet = cmdlet;

        internal void Add(string kind, string message)
        {
            _counts[kind] = _counts.TryGetValue(kind, out var n) ? n + 1 : 1;
            if (_counts[kind] <= ShownPerKind)
            {
                _cmdlet.WriteWarning(message);
            }
            else
            {
                _cmdlet.WriteVerbose("warning: " + message);
            }
        }

        /// <summary>One warning per kind that had more than the few shown.</summary>
        internal void Flush(string seeAlso)
        {
            foreach (var pair in _counts.Where(p => p.Value > ShownPerKind).OrderBy(p => p.Key, System.StringComparer.Ordinal))
            {
                _cmdlet.WriteWarning($"{pair.Value} {pair.Key} warnings in all; {pair.Value - ShownPerKind} more not shown. See each with -Verbose, {seeAlso}.");
            }
        }
    }
}
