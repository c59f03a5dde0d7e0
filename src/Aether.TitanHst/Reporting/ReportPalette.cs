namespace Aether.TitanHst.Reporting
{
    /// <summary>
    /// Colours with a meaning: green applied, amber stale or held for a person, red failed or blocked. Actions
    /// get calm, distinct hues that do not borrow those meanings (except Conflict, which waits for a person).
    /// </summary>
    public static class ReportPalette
    {
        public static string Outcome(string outcome) => outcome switch
        {
            "Succeeded" => "#1f8a4c",
            "Failed" => "#c0392b",
            "Stale" => "#d98a04",
            "Skipped" => "#8a94a6",
            "Declined" => "#6b7a90",
            _ => "#c3cad6",
        };

        public static string Action(string action) => action switch
        {
            "Create" => "#2f6fd6",
            "Update" => "#27a3c4",
            "Reactivate" => "#7a5bd3",
            "Deactivate" => "#4b5a70",
            "Delete" => "#a33a6b",
            _ => "#d98a04",
        };
    }
}
