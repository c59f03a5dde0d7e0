using System.Runtime.CompilerServices;
namespace Aether.TitanHst.Normalization
{
    /// <summary>Maps a code through one of the contract's mapping tables (job class → role, school → site).</summary>
    public sealed class LookupRule : INormalizationRule
    {
        public LookupRule(ICodeTable table) => Table = table;

        public ICodeTable Table { get; }

        public string Name => "lookup";

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0)
            {
                return RuleOutcome.Ok(value);
            }

            return Table.TryMap(value, out var mapped) ? RuleOutcome.Ok(mapped) : Table.Unmapped.Apply(value, $"mapping table '{Table.Name}'");
        }
    }
}
