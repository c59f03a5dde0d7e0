using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Xunit;

namespace Aether.TitanHst.Tests.TargetReads
{
    /// <summary>The merge of an incremental read into a kept snapshot, the seal that makes the kept file trustworthy, and the full-or-refresh decision.</summary>
    public sealed class KeptSnapshotTests : IDisposable
    {
        private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        private static readonly TargetIdentity Target = TargetIdentity.Of(new Uri("https://district.titanhst.example/"), "tnt-1");
        private readonly string _folder = Directory.CreateTempSubdirectory("titanhst-kept-").FullName;
        private readonly InstallationKey _key;

        public KeptSnapshotTests() => _key = InstallationKey.LoadOrCreate(Path.Combine(_folder, "keys"));

        public void Dispose()
        {
            _key.Dispose();
            Directory.Delete(_folder, true);
        }

        [Fact]
        public void Merge_ReplacesById_InsertsNewIdsInOrder_AndCopiesUnchangedLinesByteForByte()
        {
            var path = WriteKept(Records(2, 4, 6, 8));
            var originalLines = File.ReadAllLines(path);
            var changed = new List<TargetStaffRecord> { Record(1, "new first"), Record(4, "edited", active: false), Record(5, "new middle"), Record(9, "new last") };

            var merged = Path.Combine(_folder, "merged.jsonl");
            var kept = KeptSnapshotFile.Open(path, _key);
            SnapshotMergeCounts counts;
            using (var writer = new TargetSnapshotWriter(merged, Header(), _key.DeriveKey(SnapshotSeal.Purpose)))
            {
                counts = SnapshotMerge.Merge(kept.Records(), changed, writer);
                writer.Complete(new SnapshotReadInfo(TargetReadMode.Incremental, T0, T0.AddDays(1), T0.AddDays(1), 1));
            }

            Assert.Equal(3, counts.Copied);
            Assert.Equal(1, counts.Replaced);
            Assert.Equal(3, counts.Added);
            var records = ReadAll(merged);
            Assert.Equal(new[] { Id(1), Id(2), Id(4), Id(5), Id(6), Id(8), Id(9) }, records.Select(r => r.Id));
            Assert.False(records.Single(r => r.Id == Id(4)).Active);
            Assert.Equal("edited", records.Single(r => r.Id == Id(4))["title"]);

            // Unchanged records are the kept file's lines, not a re-serialization of them.
            var mergedLines = File.ReadAllLines(merged);
            foreach (var n in new[] { 2, 6, 8 })
            {
                Assert.Contains(originalLines.Single(l => l.Contains(Id(n), StringComparison.Ordinal)), mergedLines);
            }
        }

        [Fact]
        public void Merge_WithNothingChanged_YieldsTheSameRecords()
        {
            var path = WriteKept(Records(1, 2, 3));
            var merged = Path.Combine(_folder, "same.jsonl");
            using (var writer = new TargetSnapshotWriter(merged, Header(), null))
            {
                SnapshotMerge.Merge(KeptSnapshotFile.Open(path, _key).Records(), Array.Empty<TargetStaffRecord>(), writer);
                writer.Complete();
            }

            Assert.Equal(File.ReadAllLines(path).Skip(1).SkipLast(1), File.ReadAllLines(merged).Skip(1).SkipLast(1));
        }

        [Fact]
        public void Seal_RoundTrips_AndRecordsHowTheSnapshotWasMade()
        {
            var path = WriteKept(Records(1, 2));
            var kept = KeptSnapshotFile.Open(path, _key);

            Assert.Equal(TargetReadMode.Full, kept.Read.Made);
            Assert.Equal(T0, kept.Read.FullReadAt);
            Assert.Equal(T0, kept.Read.HighWaterMark);
            Assert.Equal(3, kept.Read.Pages);
            Assert.Equal(2, kept.Records().Count());
        }

        [Fact]
        public void OneChangedByte_IsCaughtByTheSeal()
        {
            var path = WriteKept(Records(1, 2, 3));
            var bytes = File.ReadAllBytes(path);
            var text = Encoding.UTF8.GetString(bytes).Replace("title 2", "title X", StringComparison.Ordinal);
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

            var kept = KeptSnapshotFile.Open(path, _key); // same length: only the MAC can tell
            var e = Assert.Throws<KeptSnapshotDoubtException>(() => kept.Records().Count());
            Assert.Contains("seal", e.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void MissingSeal_OtherKey_AndAppendedLine_AreInDoubt()
        {
            var path = WriteKept(Records(1, 2));
            File.Move(SnapshotSeal.PathOf(path), path + ".moved");
            Assert.Contains("no seal", Assert.Throws<KeptSnapshotDoubtException>(() => KeptSnapshotFile.Open(path, _key)).Reason, StringComparison.Ordinal);
            File.Move(path + ".moved", SnapshotSeal.PathOf(path));

            using (var other = InstallationKey.LoadOrCreate(Path.Combine(_folder, "other-keys")))
            {
                Assert.Contains("another installation key", Assert.Throws<KeptSnapshotDoubtException>(() => KeptSnapshotFile.Open(path, other)).Reason, StringComparison.Ordinal);
            }

            File.AppendAllText(path, "{\"id\":\"stf_zzzzzzzzzzzz\"}\n");
            Assert.Contains("length", Assert.Throws<KeptSnapshotDoubtException>(() => KeptSnapshotFile.Open(path, _key)).Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void SnapshotWithoutReadRecord_IsInDoubt()
        {
            // What Get-TitanHstStaff -OutFile writes: a valid snapshot, but nothing says what it covers or from when.
            var path = Path.Combine(_folder, "plain.jsonl");
            using (var writer = new TargetSnapshotWriter(path, Header(), _key.DeriveKey(SnapshotSeal.Purpose)))
            {
                writer.Write(Record(1, "t"));
                writer.Complete();
                SnapshotSeal.Write(path, _key.KeyId, writer.Mac!, writer.Length);
            }

            Assert.Contains("records no read", Assert.Throws<KeptSnapshotDoubtException>(() => KeptSnapshotFile.Open(path, _key)).Reason, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("incremental", "https://district.titanhst.example/", "tnt-1", "2026-02", 1, 1, TargetReadMode.Incremental)]
        [InlineData("full", "https://district.titanhst.example/", "tnt-1", "2026-02", 1, 1, TargetReadMode.Full)]
        [InlineData("incremental", "https://other.titanhst.example/", "tnt-1", "2026-02", 1, 1, TargetReadMode.Full)]
        [InlineData("incremental", "https://district.titanhst.example/", "tnt-2", "2026-02", 1, 1, TargetReadMode.Full)]
        [InlineData("incremental", "https://district.titanhst.example/", "tnt-1", "2026-03", 1, 1, TargetReadMode.Full)]
        [InlineData("incremental", "https://district.titanhst.example/", "tnt-1", "2026-02", 8, 1, TargetReadMode.Full)]
        [InlineData("incremental", "https://district.titanhst.example/", "tnt-1", "2026-02", 6, 3, TargetReadMode.Full)]
        [InlineData("incremental", "https://district.titanhst.example/", "tnt-1", "2026-02", 6, 1, TargetReadMode.Incremental)]
        public void Decide_RefreshesOnlyARecentSnapshotOfTheSameTargetAndSchema(string mode, string baseUri, string instance, string schema, int daysSinceFull, int daysSinceRefresh, TargetReadMode expected)
        {
            var header = new TargetSnapshotHeader(T0, baseUri, TargetSnapshotScope.All, "1.0", schema) { InstanceId = instance };
            var now = T0.AddDays(daysSinceFull);
            var read = new SnapshotReadInfo(TargetReadMode.Incremental, T0, now.AddDays(-daysSinceRefresh), now.AddDays(-daysSinceRefresh), 4);
            var settings = new TargetReadSettings { Mode = mode == "full" ? TargetReadMode.Full : TargetReadMode.Incremental };

            var decision = TargetReadDecision.Decide(header, read, Target, "2026-02", settings, now);

            Assert.Equal(expected, decision.Mode);
            Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
        }

        [Fact]
        public void Decide_WithoutInstanceIds_BindsByBaseUriAlone()
        {
            var header = new TargetSnapshotHeader(T0, "https://district.titanhst.example/", TargetSnapshotScope.All, "1.0", "2026-02");
            var read = new SnapshotReadInfo(TargetReadMode.Full, T0, null, T0, 1);
            var settings = new TargetReadSettings { Mode = TargetReadMode.Incremental };
            var noInstance = TargetIdentity.Of(new Uri("https://district.titanhst.example"), null);

            Assert.Equal(TargetReadMode.Incremental, TargetReadDecision.Decide(header, read, noInstance, "2026-02", settings, T0.AddHours(1)).Mode);
            Assert.Equal(TargetReadMode.Full, TargetReadDecision.Decide(header, read, Target, "2026-02", settings, T0.AddHours(1)).Mode);
        }

        [Fact]
        public void Decide_NeverRefreshesASnapshotOfActiveRecordsOnly()
        {
            var header = new TargetSnapshotHeader(T0, "https://district.titanhst.example/", TargetSnapshotScope.Active, "1.0", "2026-02") { InstanceId = "tnt-1" };
            var read = new SnapshotReadInfo(TargetReadMode.Full, T0, null, T0, 1);
            var decision = TargetReadDecision.Decide(header, read, Target, "2026-02", new TargetReadSettings { Mode = TargetReadMode.Incremental }, T0.AddHours(1));
            Assert.Equal(TargetReadMode.Full, decision.Mode);
        }

        [Fact]
        public void OpenChecked_ReadsASealedSnapshot_AndAnUnsealedOneAsItIs()
        {
            var path = WriteKept(Records(1, 2, 3));
            using (var reader = TargetSnapshotReader.OpenChecked(path, KeyAgain))
            {
                Assert.True(reader.Sealed);
                Assert.Equal(3, reader.ReadRecords().Count());
            }

            File.Delete(SnapshotSeal.PathOf(path));
            using var unsealed = TargetSnapshotReader.OpenChecked(path, () => throw new InvalidOperationException("no key is needed without a seal"));
            Assert.False(unsealed.Sealed);
            Assert.Equal(3, unsealed.ReadRecords().Count());
        }

        [Fact]
        public void OpenChecked_FailsAtTheEnd_WhenARecordWasEditedInPlace()
        {
            // Same length: only the MAC can tell. An externalId moved to another record is the attack this stops.
            var path = WriteKept(Records(1, 2, 3));
            var text = File.ReadAllText(path);
            File.WriteAllText(path, text.Replace("\"externalId\":\"E1\"", "\"externalId\":\"E9\"", StringComparison.Ordinal));
            Assert.NotEqual(text, File.ReadAllText(path));

            using var reader = TargetSnapshotReader.OpenChecked(path, KeyAgain);
            var e = Assert.Throws<Errors.InputFileException>(() => reader.ReadRecords().ToList());
            Assert.Equal(Errors.InputErrorIds.SnapshotSealMismatch, e.ErrorId);
            Assert.Contains("changed after it was written", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void OpenChecked_Refuses_ALengthChange_AnotherInstallationsSeal_AndABrokenSeal()
        {
            var longer = WriteKept(Records(1, 2));
            File.AppendAllText(longer, " ");
            Assert.Equal(Errors.InputErrorIds.SnapshotSealMismatch, Assert.Throws<Errors.InputFileException>(() => TargetSnapshotReader.OpenChecked(longer, KeyAgain)).ErrorId);

            var foreign = WriteKept(Records(1, 2));
            var other = Assert.Throws<Errors.InputFileException>(() => TargetSnapshotReader.OpenChecked(foreign, () => InstallationKey.LoadOrCreate(Path.Combine(_folder, "other-keys"))));
            Assert.Contains("another installation key", other.Message, StringComparison.Ordinal);

            var broken = WriteKept(Records(1, 2));
            File.WriteAllText(SnapshotSeal.PathOf(broken), "{}");
            Assert.Equal(Errors.InputErrorIds.SnapshotSealMismatch, Assert.Throws<Errors.InputFileException>(() => TargetSnapshotReader.OpenChecked(broken, KeyAgain)).ErrorId);
        }

        [Fact]
        public void A_letters_case_changed_anywhere_in_a_sealed_snapshot_or_its_seal_is_caught_by_both_readers()
        {
            // Every byte of both files with bit 0x20 flipped (a letter's case, among others): the seal checks once read
            // their MAC case-blind, so a seal retyped in capitals passed (round 13). The kept snapshot's refresh must
            // doubt the file; the diff's checked read must refuse it.
            var path = WriteKept(Records(1, 2, 3));
            var sealPath = SnapshotSeal.PathOf(path);
            var originals = new[] { (Path: path, Bytes: File.ReadAllBytes(path)), (Path: sealPath, Bytes: File.ReadAllBytes(sealPath)) };
            var accepted = new List<string>();
            foreach (var (file, original) in originals)
            {
                for (var i = 0; i < original.Length; i++)
                {
                    var bytes = (byte[])original.Clone();
                    bytes[i] ^= 0x20;
                    File.WriteAllBytes(file, bytes);
                    if (!KeptInDoubt(path))
                    {
                        accepted.Add($"kept read: {Path.GetFileName(file)} byte {i}");
                    }

                    if (!CheckedReadRefused(path))
                    {
                        accepted.Add($"checked read: {Path.GetFileName(file)} byte {i}");
                    }

                    File.WriteAllBytes(file, original);
                }
            }

            Assert.Empty(accepted);
        }

        private bool KeptInDoubt(string path)
        {
            try
            {
                // Read to the end without an error: accepted, whatever it gave.
                _ = KeptSnapshotFile.Open(path, _key).Records().Count();
                return false;
            }
            catch (KeptSnapshotDoubtException)
            {
                return true;
            }
        }

        private bool CheckedReadRefused(string path)
        {
            try
            {
                using var reader = TargetSnapshotReader.OpenChecked(path, KeyAgain);
                _ = reader.ReadRecords().Count();
                return false;
            }
            catch (Errors.InputFileException)
            {
                return true;
            }
        }

        private InstallationKey KeyAgain() => InstallationKey.LoadOrCreate(Path.Combine(_folder, "keys"));

        private static string Id(int n) => $"stf_{n:D12}";

        private static TargetStaffRecord Record(int n, string title, bool active = true) => new(Id(n), "E" + n, active, $"\"{n}\"", n, T0, T0,
            new Dictionary<string, string?> { ["firstName"] = "Zoë" + n, ["title"] = title, ["notes"] = null });

        private static IEnumerable<TargetStaffRecord> Records(params int[] ns) => ns.Select(n => Record(n, "title " + n));

        private static TargetSnapshotHeader Header() => new(T0, "https://district.titanhst.example/", TargetSnapshotScope.All, "1.0", "2026-02") { InstanceId = "tnt-1" };

        private static List<TargetStaffRecord> ReadAll(string path)
        {
            using var reader = TargetSnapshotReader.Open(path);
            return reader.ReadRecords().ToList();
        }

        private string WriteKept(IEnumerable<TargetStaffRecord> records)
        {
            var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".jsonl");
            using var writer = new TargetSnapshotWriter(path, Header(), _key.DeriveKey(SnapshotSeal.Purpose));
            foreach (var record in records)
            {
                writer.Write(record);
            }

            writer.Complete(new SnapshotReadInfo(TargetReadMode.Full, T0, null, T0, 3));
            SnapshotSeal.Write(path, _key.KeyId, writer.Mac!, writer.Length);
            return path;
        }
    }
}
