namespace Aether.TitanHst.Target
{
    /// <summary>The reference lists TitanHST publishes.</summary>
    public enum TargetReferenceKind
    {
        Role,
        Site,
    }
}
