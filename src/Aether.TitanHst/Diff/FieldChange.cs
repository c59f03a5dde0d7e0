namespace Aether.TitanHst.Diff
{
    /// <summary>One owned field whose TitanHST value differs from the normalized source value.</summary>
    public sealed class FieldChange
    {
        public FieldChange(string field, string? old, string? @new, string? description = null)
        {
            Description = description;
            Field = field;
            Old = old;
            New = @new;
        }

        public string Field { get; }

        /// <summary>The value TitanHST holds (null when blank or absent).</summary>
        public string? Old { get; }

        /// <summary>The value the sources give (null clears the field).</summary>
        public string? New { get; }

        /// <summary>The change in words when the values alone do not read well (assignments: "+LHS/TEACHER; primary ..."), else null.</summary>
        public string? Description { get; }

        public override string ToString() => Description is null ? $"{Field}: {Show(Old)} → {Show(New)}" : $"{Field}: {Description}";

        private static string Show(string? value) => value is null ? "(blank)" : "'" + value + "'";
    }
}
