using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Two contracts that say the same thing but for the definitions of some fields (the usual edit: one field's rule,
    /// one field's sources): the difference contract's people can be derived from the reference's, those fields
    /// resolved again from the same rows, instead of extracted a second time (<see cref="Canonical.DerivedPersonBuild"/>).
    /// </summary>
    /// <remarks>
    /// Compared on what each contract says (its canonical JSON, as hashed) and on its mapping tables' bytes, never on
    /// what a loader made of it, so a setting added to the format later is compared without anyone listing it here.
    /// Alike must be: every section but the id, version and description, each source but for its path (both contracts'
    /// exports are one private copy, and <see cref="Canonical.SharedSourceReads"/> has already found every source read
    /// alike), each mapping table but for its path (its bytes are compared by hash), and the fields' names in order.
    /// A field whose definition differs must be one no scope condition, conflict rule or positions setting reads,
    /// nor the match key: those decide who is built at all, which a derived person cannot change.
    /// </remarks>
    internal static class FieldOnlyEdit
    {
        private static readonly HashSet<string> Unread = new(StringComparer.Ordinal) { "id", "version", "description" };

        /// <summary>
        /// The ordinals of the fields <paramref name="difference"/> defines otherwise than <paramref name="reference"/>
        /// (empty when none), or null when the two differ anywhere else, or in a field a person's standing depends on.
        /// </summary>
        internal static int[]? Fields(MappingContract reference, MappingContract difference)
        {
            if (reference.CanonicalContent is not { } referenceJson || difference.CanonicalContent is not { } differenceJson || !SameTables(reference, difference))
            {
                return null;
            }

            using var one = JsonDocument.Parse(referenceJson);
            using var other = JsonDocument.Parse(differenceJson);
            var sections = Properties(one.RootElement);
            var otherSections = Properties(other.RootElement);
            if (sections is null || otherSections is null || !sections.Select(p => p.Name).SequenceEqual(otherSections.Select(p => p.Name), StringComparer.Ordinal))
            {
                return null;
            }

            int[]? fields = null;
            for (var s = 0; s < sections.Count; s++)
            {
                var (name, value) = sections[s];
                var otherValue = otherSections[s].Value;
                switch (name)
                {
                    case var unread when Unread.Contains(unread):
                        break;
                    case "sources":
                    case "mappingTables":
                        // Named entries, each alike but for where its file is.
                        if (!Same(value, otherValue, ignore: null, ignoreInMembers: "path"))
                        {
                            return null;
                        }

                        break;
                    case "fields":
                        fields = DifferingFields(value, otherValue, reference.Fields, difference.Fields);
                        if (fields is null)
                        {
                            return null;
                        }

                        break;
                    default:
                        if (!Same(value, otherValue))
                        {
                            return null;
                        }

                        break;
                }
            }

            return fields is not null && fields.All(f => Derivable(reference, f) && Derivable(difference, f)) ? fields : null;
        }

        /// <summary>A field no one's standing or grouping reads: not the match key, not in scope or a conflict rule, not positions.</summary>
        private static bool Derivable(MappingContract contract, int ordinal)
        {
            var field = contract.Fields[ordinal];
            return field.Positions is null && field.FromAssignments is null
                && !string.Equals(field.Name, contract.MatchKeyField, StringComparison.Ordinal)
                && !contract.Scope.Any(c => string.Equals(c.Field, field.Name, StringComparison.Ordinal))
                && !contract.Policies.Conflicts.Any(r => r.When.Any(c => string.Equals(c.Field, field.Name, StringComparison.Ordinal)));
        }

        private static bool SameTables(MappingContract reference, MappingContract difference) =>
            reference.MappingTables.Count == difference.MappingTables.Count
            && reference.MappingTables.All(t => difference.MappingTables.TryGetValue(t.Key, out var other) && string.Equals(t.Value.Hash, other.Hash, StringComparison.Ordinal));

        /// <summary>
        /// The ordinals of the fields whose definitions differ; null unless both contracts list the same names in the
        /// same order, as written and as loaded (the ordinals are the loaded fields', the records' schema).
        /// </summary>
        private static int[]? DifferingFields(JsonElement fields, JsonElement otherFields, IReadOnlyList<FieldDefinition> loaded, IReadOnlyList<FieldDefinition> otherLoaded)
        {
            var one = Properties(fields);
            var other = Properties(otherFields);
            if (one is null || other is null || one.Count != other.Count || one.Count != loaded.Count || one.Count != otherLoaded.Count)
            {
                return null;
            }

            var differing = new List<int>();
            for (var i = 0; i < one.Count; i++)
            {
                var name = one[i].Name;
                if (!string.Equals(name, other[i].Name, StringComparison.Ordinal) || !string.Equals(name, loaded[i].Name, StringComparison.Ordinal)
                    || !string.Equals(name, otherLoaded[i].Name, StringComparison.Ordinal))
                {
                    return null;
                }

                if (!Same(one[i].Value, other[i].Value))
                {
                    differing.Add(i);
                }
            }

            return differing.ToArray();
        }

        /// <summary>
        /// The same JSON, member by member in order, values by their text; a member named <paramref name="ignore"/> is
        /// left out at this level, one named <paramref name="ignoreInMembers"/> in each member's object.
        /// </summary>
        private static bool Same(JsonElement one, JsonElement other, string? ignore = null, string? ignoreInMembers = null)
        {
            if (one.ValueKind != other.ValueKind)
            {
                return false;
            }

            switch (one.ValueKind)
            {
                case JsonValueKind.Object:
                    var members = Properties(one)!.Where(p => ignore is null || !string.Equals(p.Name, ignore, StringComparison.Ordinal)).ToList();
                    var otherMembers = Properties(other)!.Where(p => ignore is null || !string.Equals(p.Name, ignore, StringComparison.Ordinal)).ToList();
                    return members.Count == otherMembers.Count
                        && members.Zip(otherMembers, (a, b) => string.Equals(a.Name, b.Name, StringComparison.Ordinal) && Same(a.Value, b.Value, ignoreInMembers)).All(same => same);
                case JsonValueKind.Array:
                    return one.GetArrayLength() == other.GetArrayLength()
                        && one.EnumerateArray().Zip(other.EnumerateArray(), (a, b) => Same(a, b)).All(same => same);
                default:
                    return string.Equals(one.GetRawText(), other.GetRawText(), StringComparison.Ordinal);
            }
        }

        private static List<(string Name, JsonElement Value)>? Properties(JsonElement element) =>
            element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Select(p => (p.Name, p.Value)).ToList() : null;
    }
}
