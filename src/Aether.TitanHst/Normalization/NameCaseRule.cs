using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Normalization
{
    /// <summary>
    /// Proper-cases names typed in one case ("O'BRIEN" → "O'Brien", "mary-jo" → "Mary-Jo", "MCDONALD" → "McDonald").
    /// </summary>
    /// <remarks>
    /// A name already in mixed case is left alone: "DeShawn" or "van der Berg" were typed that way on purpose,
    /// and no rule knows better than the person who entered them.
    /// </remarks>
    public sealed class NameCaseRule : INormalizationRule
    {
        public string Name => "nameCase";

        [MethodImpl(Hot.Path)]
        public RuleOutcome Apply(string value)
        {
            if (value.Length == 0 || IsMixedCase(value))
            {
                return RuleOutcome.Ok(value);
            }

            var builder = new StringBuilder(value.ToLowerInvariant());
            var startOfWord = true;
            for (var i = 0; i < builder.Length; i++)
            {
                var c = builder[i];
                if (char.IsLetter(c))
                {
                    if (startOfWord)
                    {
                        builder[i] = char.ToUpperInvariant(c);
                        // "Mc" prefixes: McDonald, McKenzie.
                        if (c == 'm' && i + 2 < builder.Length && builder[i + 1] == 'c' && char.IsLetter(builder[i + 2])
                            && (i == 0 || !char.IsLetter(builder[i - 1])))
                        {
                            builder[i + 2] = char.ToUpperInvariant(builder[i + 2]);
                            i += 2;
                        }
                    }

                    startOfWord = false;
                }
                else
                {
                    startOfWord = c == ' ' || c == '-' || c == '\'' || c == '\u2019' || c == '.';
                }
            }

            return RuleOutcome.Ok(builder.ToString());
        }

        [MethodImpl(Hot.Path)]
        private static bool IsMixedCase(string value)
        {
            bool hasUpper = false, hasLower = false;
            foreach (var c in value)
            {
                hasUpper |= char.IsUpper(c);
                hasLower |= char.IsLower(c);
                if (hasUpper && hasLower)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
