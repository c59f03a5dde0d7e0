using System;
using System.Globalization;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Audit
{
    /// <summary>
    /// Lets a TimeSpan parameter take a number of days (<c>-OlderThan 400</c>) as well as a TimeSpan: PowerShell would
    /// otherwise read a bare number as ticks.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class DaysOrTimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            return value switch
            {
                int days => TimeSpan.FromDays(days),
                long days => TimeSpan.FromDays(days),
                double days => TimeSpan.FromDays(days),
                string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) => TimeSpan.FromDays(days),
                _ => inputData,
            };
        }
    }
}
