using System.Collections.Generic;
using System.Diagnostics;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Where the last comparison's time went, stage by stage, in seconds of wall time (the bench's <c>preview</c>
    /// prints it; the product never shows it). The two halves' figures overlap when they ran side by side.
    /// </summary>
    internal sealed class ComparisonStages
    {
        private readonly List<KeyValuePair<string, double>> _seconds = new();

        /// <summary>Every stage timed, in the order it ended.</summary>
        public IReadOnlyList<KeyValuePair<string, double>> Seconds
        {
            get
            {
                lock (_seconds)
                {
                    return _seconds.ToArray();
                }
            }
        }

        /// <summary>Called as each stage ends, with its name (the bench measures what is live there); null in the product.</summary>
        internal static System.Action<string>? Ending { get; set; }

        /// <summary>Records a stage that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) and ends now.</summary>
        public void Ended(string stage, long startTimestamp)
        {
            var seconds = (Stopwatch.GetTimestamp() - startTimestamp) / (double)Stopwatch.Frequency;
            Ending?.Invoke(stage);
            lock (_seconds)
            {
                _seconds.Add(new KeyValuePair<string, double>(stage, System.Math.Round(seconds, 3)));
            }
        }
    }
}
