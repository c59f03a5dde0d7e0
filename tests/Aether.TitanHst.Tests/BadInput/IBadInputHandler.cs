namespace Aether.TitanHst.Tests.BadInput
{
    /// <summary>Runs one kind of corpus case (the <c>kind</c> member of its case.json) and asserts its expected outcome.</summary>
    public interface IBadInputHandler
    {
        /// <summary>The <c>kind</c> this handler runs.</summary>
        string Kind { get; }

        /// <summary>Runs the case; throws (an xUnit assertion) when the outcome is not the expected one.</summary>
        void Run(BadInputCase badCase);
    }
}
