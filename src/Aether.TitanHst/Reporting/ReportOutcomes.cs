namespace Aether.TitanHst.Reporting
{
    /// <summary>Counts of a set of changes by how their apply ended; <see cref="Pending"/> has no outcome yet.</summary>
    public sealed class ReportOutcomes
    {
        internal ReportOutcomes(string label) => Label = label;

        /// <summary>What is counted: an action ("Update") or "All".</summary>
        public string Label { get; }

        public int Succeeded { get; internal set; }

        public int Failed { get; internal set; }

        public int Stale { get; internal set; }

        public int Skipped { get; internal set; }

        /// <summary>Answered No at the confirmation prompt: never called, never retried; the next diff shows them again.</summary>
        public int Declined { get; internal set; }

        /// <summary>Not attempted yet, or attempted with no outcome written (an interrupted run); a resume takes them up.</summary>
        public int Pending { get; internal set; }

        public int Total => Succeeded + Failed + Stale + Skipped + Declined + Pending;

        internal void Add(string? outcome)
        {
            switch (outcome)
            {
                case "Succeeded": Succeeded++; break;
                case "Failed": Failed++; break;
                case "Stale": Stale++; break;
                case "Skipped": Skipped++; break;
                case "Declined": Declined++; break;
                default: Pending++; break;
            }
        }
    }
}
