using Xunit;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>
    /// Tests that count the process's unobserved task exceptions (a process-wide event) run in this collection: after
    /// the parallel ones and alone, so no other test's abandoned task is counted as theirs.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class UnobservedTaskExceptionsCollection
    {
        public const string Name = "Unobserved task exceptions";
    }
}
