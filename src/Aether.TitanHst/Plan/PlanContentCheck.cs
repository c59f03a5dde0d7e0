using System;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Plan
{
    /// <summary>
    /// The shape a plan's content must have before any of it is turned into changes: every list and member the writer
    /// always writes is there, every action and risk is one of the names it writes. A MAC proves only who wrote the
    /// plan; a key holder's hand-made plan with a null where a list belongs, a field change without a field, or an
    /// action written as a number must be refused naming the member, not fail later without a line.
    /// </summary>
    internal static class PlanContentCheck
    {
        private static readonly string[] FlagSeparator = { ", " };

        internal static void Check(PlanContentDocument content, string path)
        {
            Require(content.Contract is not null, path, "plan.contract", "the contract it was computed with is missing");
            Require(content.SourceFiles is not null, path, "plan.sourceFiles", "the list of source files is missing");
            for (var s = 0; s < content.SourceFiles!.Count; s++)
            {
                Require(content.SourceFiles[s] is not null, path, $"plan.sourceFiles[{s}]", "a source file is null");
            }

            Require(content.Changes is not null, path, "plan.changes", "the list of changes is missing");
            for (var i = 0; i < content.Changes!.Count; i++)
            {
                var change = content.Changes[i];
                var at = $"plan.changes[{i}]";
                Require(change is not null, path, at, "a change is null");
                Require(IsName<ChangeAction>(change!.Action), path, at + ".action", $"'{change.Action}' is not an action this module writes");
                Require(IsFlags<RiskFlags>(change.Risk), path, at + ".risk", $"'{change.Risk}' is not a risk this module writes");
                Require(!string.IsNullOrEmpty(change.ExternalId), path, at + ".externalId", "every change names the person's externalId");
                Require(change.FieldChanges is not null, path, at + ".fieldChanges", "the list of field changes is missing");
                for (var f = 0; f < change.FieldChanges!.Count; f++)
                {
                    Require(change.FieldChanges[f] is not null && !string.IsNullOrEmpty(change.FieldChanges[f].Field), path, $"{at}.fieldChanges[{f}].field", "every field change names its field");
                }

                Require(change.Desired is not null, path, at + ".desired", "the desired values are missing");
                Require(change.Sources is not null, path, at + ".sources", "the list of source rows is missing");
                for (var s = 0; s < change.Sources!.Count; s++)
                {
                    Require(change.Sources[s] is not null, path, $"{at}.sources[{s}]", "a source row is null");
                }
            }
        }

        /// <summary>One of the enum's names exactly as written (not a number, not another case).</summary>
        private static bool IsName<T>(string? text)
            where T : struct, Enum => text is not null && Array.IndexOf(Names<T>.All, text) >= 0;

        /// <summary>A flags value as the writer writes it: one name, or names joined by ", ".</summary>
        private static bool IsFlags<T>(string? text)
            where T : struct, Enum
        {
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            foreach (var part in text!.Split(FlagSeparator, StringSplitOptions.None))
            {
                if (!IsName<T>(part))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>An enum's names, read once (a plan asks for them twice per change).</summary>
        private static class Names<T>
            where T : struct, Enum
        {
            internal static readonly string[] All = Enum.GetNames(typeof(T));
        }

        private static void Require(bool holds, string path, string member, string problem)
        {
            if (!holds)
            {
                throw new InputFileException(InputErrorIds.PlanInvalid, path, 0, member, $"the plan's content has the wrong shape: {problem}");
            }
        }
    }
}
