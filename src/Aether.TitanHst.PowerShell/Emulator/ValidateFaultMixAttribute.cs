using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Emulator
{
    /// <summary>
    /// Checks -FaultMix ("429=0.3,500=0.3,slow=0.1") when the parameter binds, with the emulator's own rules, so a
    /// typo is a parameter error naming the item rather than an emulator process that exits before it listens.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateFaultMixAttribute : ValidateArgumentsAttribute
    {
        // The emulator's fault kinds (Aether.TitanHst.Emulator/EmulatorSettings.FaultKinds; docs/emulator.md).
        private static readonly string[] Kinds = { "429", "500", "502", "503", "slow", "drop" };
        private static readonly char[] Comma = { ',' };
        private static readonly char[] EqualsSign = { '=' };

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var mix = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
            var total = 0.0;
            foreach (var item in mix.Split(Comma, StringSplitOptions.RemoveEmptyEntries).Select(i => i.Trim()).Where(i => i.Length > 0))
            {
                var pair = item.Split(EqualsSign, 2);
                if (pair.Length != 2 || !Kinds.Contains(pair[0].Trim(), StringComparer.OrdinalIgnoreCase)
                    || !double.TryParse(pair[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0 || double.IsNaN(weight) || double.IsInfinity(weight))
                {
                    throw new ValidationMetadataException($"Fault mix item '{item}' is not kind=weight with kind one of {string.Join(", ", Kinds)} and a weight of 0 or more.");
                }

                total += weight;
            }

            if (total <= 0)
            {
                throw new ValidationMetadataException("The fault mix has no positive weight: give kind=weight items such as 429=0.5,500=0.5.");
            }
        }
    }
}
