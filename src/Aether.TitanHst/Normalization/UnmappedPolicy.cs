using System.Runtime.CompilerServices;
namespace Aether.TitanHst.Normalization
{
    /// <summary>What happens to a code that a value map or mapping table does not list.</summary>
    public enum UnmappedAction
    {
        /// <summary>The record is not built; an error names the code, file, line and column.</summary>
        Error,

        /// <summary>The record is left out with a warning.</summary>
        Skip,

        /// <summary>A fixed default value is used.</summary>
        Default,

        /// <summary>The code passes through unchanged (value maps only).</summary>
        Keep,
    }

    /// <summary>The contract's policy for unmapped codes.</summary>
    public sealed class UnmappedPolicy
    {
        public UnmappedPolicy(UnmappedAction action, string? defaultValue = null)
        {
            Action = action;
            DefaultValue = defaultValue;
        }

        public UnmappedAction Action { get; }

        public string? DefaultValue { get; }

        public static UnmappedPolicy Error { get; } = new(UnmappedAction.Error);

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string code, string what) => Action switch
        {
            UnmappedAction.Skip => RuleOutcome.Skip(code, $"code '{code}' is not in {what} (policy: skip)"),
            UnmappedAction.Default => RuleOutcome.Ok(DefaultValue ?? string.Empty),
            UnmappedAction.Keep => RuleOutcome.Ok(code),
            _ => RuleOutcome.Unmapped(code, $"code '{code}' is not in {what}"),
        };

        public override string ToString() => Action == UnmappedAction.Default ? $"default '{DefaultValue}'" : Action.ToString().ToLowerInvariant();
    }
}
