namespace Aether.TitanHst.Client
{
    /// <summary>What a call's success body holds, which decides its size cap (<see cref="TitanHstResponseLimits"/>).</summary>
    internal enum ResponseKind
    {
        Record,
        Token,
        Page,
        References,
        Schema,
    }
}
