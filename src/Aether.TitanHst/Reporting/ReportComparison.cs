namespace Aether.TitanHst.Reporting
{
    /// <summary>One site or role in the validation: people the sources put there beside TitanHST's active records.</summary>
    public sealed class ReportComparison
    {
        public ReportComparison(string name, int source, int target)
        {
            Name = name;
            Source = source;
            Target = target;
        }

        public string Name { get; }

        public int Source { get; }

        public int Target { get; }

        public int Difference => Target - Source;
    }
}
