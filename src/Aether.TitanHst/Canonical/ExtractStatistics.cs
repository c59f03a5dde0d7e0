using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>Counts from one extraction, for summaries, checks and benchmarks.</summary>
    public sealed class ExtractStatistics
    {
        /// <summary>Data rows read, per source.</summary>
        public Dictionary<string, int> RowsRead { get; } = new();

        /// <summary>People found only in one source, per source.</summary>
        public Dictionary<string, int> OnlyIn { get; } = new();

        public int PeopleSeen { get; internal set; }

        public int Records { get; internal set; }

        public int OutOfScope { get; internal set; }

        public int Conflicts { get; internal set; }

        public int Skipped { get; internal set; }

        public int Errors { get; internal set; }

        public int Warnings { get; internal set; }

        /// <summary>Counts an issue as an error or a warning.</summary>
        [MethodImpl(Hot.Path)]
        internal void Count(ExtractIssue issue)
        {
            if (issue.Severity == IssueSeverity.Error)
            {
                Errors++;
            }
            else
            {
                Warnings++;
            }
        }

        /// <summary>
        /// Adds the counts of the people another thread built, right after the people before them: a source first
        /// counted there is then listed where it would have been had one thread built everyone. Rows read are counted
        /// by the reads, never by a builder, so they are not added.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal void Add(ExtractStatistics other)
        {
            foreach (var pair in other.OnlyIn)
            {
                OnlyIn[pair.Key] = OnlyIn.TryGetValue(pair.Key, out var n) ? n + pair.Value : pair.Value;
            }

            PeopleSeen += other.PeopleSeen;
            Records += other.Records;
            OutOfScope += other.OutOfScope;
            Conflicts += other.Conflicts;
            Skipped += other.Skipped;
            Errors += other.Errors;
            Warnings += other.Warnings;
        }
    }
}
