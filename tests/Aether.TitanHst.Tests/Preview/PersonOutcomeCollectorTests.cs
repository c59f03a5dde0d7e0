using System;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Preview;

namespace Aether.TitanHst.Tests.Preview
{
    /// <summary>The preview's per-person tables, sized once when the extraction says how many people it walks.</summary>
    public sealed class PersonOutcomeCollectorTests
    {
        private static readonly FieldSchema Schema = new(new[] { "firstName" });

        [Fact]
        public void Making_room_keeps_the_keys_met_before_and_their_ordinals()
        {
            var collector = new PersonOutcomeCollector();
            // Issues of the reads name keys before any person is built (a row no contract could trust, a repeated key).
            collector.Add(ExtractItem.Of(Issue("E1")));
            collector.Add(ExtractItem.Of(Issue("E2")));
            collector.Add(ExtractItem.Of(Issue("E1")));

            collector.Reserve(1000);
            collector.Add(ExtractItem.Of(Record("E2", "Ann")));
            collector.Add(ExtractItem.Of(Record("E3", "Bo")));
            collector.Reserve(10);

            Assert.Equal(new[] { "E1", "E2", "E3" }, collector.Keys);
            Assert.Equal(0, collector.OrdinalOf("E1"));
            Assert.Equal(1, collector.OrdinalOf("E2"));
            Assert.Equal(2, collector.OrdinalOf("E3"));
            Assert.Equal(-1, collector.OrdinalOf("E4"));
            Assert.True(collector.Keys.Capacity >= 1002, "room for the people told, after the two keys met before");
            Assert.Equal(5, collector.Items.Count);

            // E1 has only its warnings; E2's record wins over its warning but is not plain (an issue names it); E3's is.
            Assert.Equal(PersonOutcomeKind.Skipped, collector.OutcomeAt(0).Kind);
            Assert.Equal(PersonOutcomeKind.Record, collector.OutcomeAt(1).Kind);
            Assert.Null(collector.PlainRecordAt(1));
            Assert.Equal("Bo", collector.PlainRecordAt(2)!["firstName"]);
        }

        [Fact]
        public void A_settled_person_is_let_go_of_and_a_later_item_naming_it_is_noticed()
        {
            var collector = new PersonOutcomeCollector();
            collector.Add(ExtractItem.Of(Record("E1", "Ann")));
            collector.Add(ExtractItem.Of(Record("E2", "Bo")));

            collector.Settle(0);

            Assert.True(collector.IsSettled(0));
            Assert.False(collector.IsSettled(1));
            Assert.False(collector.IsSettled(-1));
            Assert.Null(collector.PlainRecordAt(0));
            Assert.Equal("Bo", collector.PlainRecordAt(1)!["firstName"]);
            Assert.Equal(new[] { "E1", "E2" }, collector.Keys);
            Assert.False(collector.SettledSeenAgain);

            // Never expected from an extraction (it names each person once): the comparison starts over without settling.
            collector.Add(ExtractItem.Of(Issue("E1")));
            Assert.True(collector.SettledSeenAgain);
        }

        private static ExtractIssue Issue(string key) =>
            new(IssueSeverity.Warning, "SourceRowMalformed", "hr", "hr.csv", 7, "EmpID", null, key, "a row that could be this person's");

        private static CanonicalStaffRecord Record(string key, string firstName) =>
            new(key, Schema, new string?[] { firstName }, Array.Empty<SourceRowReference>());
    }
}
