using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>An update's desired fields, read from its field changes, behave as the dictionary they replaced.</summary>
    public sealed class ChangedValuesTests
    {
        [Fact]
        public void Reads_each_changed_fields_new_value_in_the_changes_order_and_nothing_else()
        {
            var values = new ChangedValues(new List<FieldChange>
            {
                new("lastName", "Pena", "Peña"),
                new("phone", "+15592923201", null),
                new("email", null, "ana@district.org"),
            });

            Assert.Equal(3, values.Count);
            Assert.Equal(new[] { "lastName", "phone", "email" }, values.Keys);
            Assert.Equal(new[] { "Peña", null, "ana@district.org" }, values.Values);
            Assert.Equal(new[] { "lastName=Peña", "phone=", "email=ana@district.org" }, values.Select(p => $"{p.Key}={p.Value}"));
            Assert.Equal("Peña", values["lastName"]);
            Assert.True(values.TryGetValue("phone", out var cleared));
            Assert.Null(cleared);
            Assert.True(values.ContainsKey("email"));

            // Names compare ordinally, as the dictionary's did: no other case, no field the change does not write.
            Assert.False(values.ContainsKey("Email"));
            Assert.False(values.TryGetValue("firstName", out _));
            Assert.Throws<KeyNotFoundException>(() => values["firstName"]);
            Assert.Equal(values.OrderBy(p => p.Key).ToList(), values.ToDictionary(p => p.Key, p => p.Value).OrderBy(p => p.Key).ToList());
        }
    }
}
