using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// A source disagreement the connector must surface rather than guess at (for example HR says terminated while
    /// Aeries says active). A person meeting every condition becomes a Conflict change that apply never acts on.
    /// </summary>
    public sealed class ConflictRule
    {
        public ConflictRule(string name, string description, IReadOnlyList<ScopeCondition> when)
        {
            Name = name;
            Description = description;
            When = when;
        }

        public string Name { get; }

        public string Description { get; }

        public IReadOnlyList<ScopeCondition> When { get; }

        public override string ToString() => $"{Name} ({string.Join(" and ", When.Select(c => c.ToString()))})";
    }
}
