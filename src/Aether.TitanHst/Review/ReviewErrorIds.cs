namespace Aether.TitanHst.Review
{
    /// <summary>Stable error ids of the review sheet (Export-/Import-TitanHstReview), used as FullyQualifiedErrorIds.</summary>
    public static class ReviewErrorIds
    {
        /// <summary>An approved row's values differ from the diff it was exported from: someone edited them in the sheet.</summary>
        public const string ReviewRowEdited = nameof(ReviewRowEdited);

        /// <summary>An approved row's change is no longer in the diff, or is no longer the same change.</summary>
        public const string ReviewRowStale = nameof(ReviewRowStale);

        /// <summary>The Approve cell is neither a yes nor a no.</summary>
        public const string ReviewApproveInvalid = nameof(ReviewApproveInvalid);

        /// <summary>Two approved rows for one person and action.</summary>
        public const string ReviewRowDuplicate = nameof(ReviewRowDuplicate);

        /// <summary>An approved row that can never be applied (a conflict, or no change).</summary>
        public const string ReviewRowNotApplicable = nameof(ReviewRowNotApplicable);

        /// <summary>The sheet lacks a column the review needs (Approve, Action, ExternalId, a field's old or new value).</summary>
        public const string ReviewColumnMissing = nameof(ReviewColumnMissing);

        /// <summary>One or more rows were refused, so nothing was taken from the sheet.</summary>
        public const string ReviewRefused = nameof(ReviewRefused);

        /// <summary>The sheet is not UTF-8 (Excel's "CSV (Comma delimited)" saves in the computer's code page).</summary>
        public const string ReviewSheetNotUtf8 = nameof(ReviewSheetNotUtf8);

        /// <summary>Rows of a review sheet (Import-Csv) were piped where reviewed changes belong.</summary>
        public const string ReviewRowsNotChanges = nameof(ReviewRowsNotChanges);
    }
}
