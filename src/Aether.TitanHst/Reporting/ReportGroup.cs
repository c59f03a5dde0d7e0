using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Reporting
{
    /// <summary>One site or role: its changes by action (for the stacked bars).</summary>
    public sealed class ReportGroup
    {
        internal ReportGroup(string name, IReadOnlyList<KeyValuePair<string, int>> byAction)
        {
            Name = name;
            ByAction = byAction;
        }

        public string Name { get; }

        /// <summary>Action name to count, in the report's action order; zero counts left out.</summary>
        public IReadOnlyList<KeyValuePair<string, int>> ByAction { get; }

        public int Total => ByAction.Sum(p => p.Value);
    }
}
