namespace Aether.TitanHst.Contract
{
    /// <summary>What the reader does with invisible or control characters in a source value.</summary>
    public enum UnsafeCharacterAction
    {
        /// <summary>Removed from the value, with a warning naming field, file and line (the default).</summary>
        Strip,

        /// <summary>The value is invalid: the field's <c>invalid</c> policy decides (an error by default).</summary>
        Reject,
    }

    /// <summary>
    /// The contract's <c>inputSafety</c> section: the defaults that keep hostile or broken exports out of TitanHST,
    /// and the explicit opt-outs a district may need.
    /// </summary>
    public sealed class InputSafety
    {
        public InputSafety(UnsafeCharacterAction unsafeCharacters = UnsafeCharacterAction.Strip, bool allowFormulaKeys = false, bool allowPathsOutsideContractFolder = false)
        {
            UnsafeCharacters = unsafeCharacters;
            AllowFormulaKeys = allowFormulaKeys;
            AllowPathsOutsideContractFolder = allowPathsOutsideContractFolder;
        }

        public static InputSafety Default { get; } = new();

        /// <summary>Control characters, bidi overrides and zero-width characters in a source value: stripped or rejected.</summary>
        public UnsafeCharacterAction UnsafeCharacters { get; }

        /// <summary>True when a match key may begin with a spreadsheet formula character (= + - @ tab CR).</summary>
        public bool AllowFormulaKeys { get; }

        /// <summary>True when sources and mapping tables may live outside the contract's folder.</summary>
        public bool AllowPathsOutsideContractFolder { get; }
    }
}
