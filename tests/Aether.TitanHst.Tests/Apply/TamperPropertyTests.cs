using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using CsCheck;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>
    /// Property tests: whatever single byte of a plan or a run folder changes, and wherever a plan or run.json is cut
    /// short, reading it back refuses it or reports the damage; nothing is silently accepted.
    /// </summary>
    public sealed class TamperPropertyTests
    {
        private const int Iterations = 400;

        [Fact]
        public void Any_byte_flip_in_a_plan_is_refused()
        {
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            var original = File.ReadAllBytes(fx.PlanPath);
            Gen.Select(Gen.Int[0, original.Length - 1], Gen.Int[1, 255]).Sample(t =>
            {
                var bytes = (byte[])original.Clone();
                bytes[t.Item1] ^= (byte)t.Item2;
                File.WriteAllBytes(fx.PlanPath, bytes);
                Assert.Throws<InputFileException>(() => PlanReader.Read(fx.PlanPath, fx.Key));
            }, iter: Iterations, threads: 1);
        }

        [Fact]
        public void A_letters_case_changed_anywhere_in_a_plan_is_refused()
        {
            // Every byte with bit 0x20 flipped (a letter's case, among others), not a sample: a reader that parses any
            // member case-blind (the MAC's hex was) lets that one byte change unnoticed, and 400 random flips of a
            // ~5.9 KB plan meet one of the MAC's ~24 letters with that exact flip in about one run in 150.
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            var original = File.ReadAllBytes(fx.PlanPath);
            var accepted = new List<string>();
            for (var i = 0; i < original.Length; i++)
            {
                var bytes = (byte[])original.Clone();
                bytes[i] ^= 0x20;
                File.WriteAllBytes(fx.PlanPath, bytes);
                try
                {
                    PlanReader.Read(fx.PlanPath, fx.Key);
                    accepted.Add($"byte {i} ({(char)original[i]} -> {(char)bytes[i]})");
                }
                catch (InputFileException)
                {
                    // Refused, as it must be.
                }
            }

            Assert.Empty(accepted);
        }

        [Fact]
        public void Any_truncation_of_a_plan_is_refused()
        {
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            var original = File.ReadAllBytes(fx.PlanPath);
            Gen.Int[0, original.Length - 1].Sample(length =>
            {
                File.WriteAllBytes(fx.PlanPath, original.AsSpan(0, length).ToArray());
                Assert.Throws<InputFileException>(() => PlanReader.Read(fx.PlanPath, fx.Key));
            }, iter: Iterations, threads: 1);
        }

        [Fact]
        public void Any_byte_flip_in_a_run_folder_is_refused_or_reported()
        {
            using var fx = new ApplyFixture();
            var (root, runId) = RunFolderTests.NewRun(fx);
            var files = Snapshot(root, runId);
            var names = files.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Gen.Select(Gen.Int[0, names.Length - 1], Gen.Double[0, 1], Gen.Int[1, 255]).Sample(t =>
            {
                var name = names[t.Item1];
                var bytes = (byte[])files[name].Clone();
                var position = Math.Min(bytes.Length - 1, (int)(t.Item2 * bytes.Length));
                bytes[position] ^= (byte)t.Item3;
                Restore(root, runId, files);
                File.WriteAllBytes(Path.Combine(root, runId, name), bytes);
                AssertRefusedOrReported(root, runId, fx, $"{name} byte {position}");
            }, iter: Iterations, threads: 1);
        }

        [Fact]
        public void Any_truncation_of_a_run_file_is_refused_or_reported()
        {
            using var fx = new ApplyFixture();
            var (root, runId) = RunFolderTests.NewRun(fx);
            var files = Snapshot(root, runId);
            var names = files.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Gen.Select(Gen.Int[0, names.Length - 1], Gen.Double[0, 1]).Sample(t =>
            {
                var name = names[t.Item1];
                var length = Math.Min(files[name].Length - 1, (int)(t.Item2 * files[name].Length));
                Restore(root, runId, files);
                File.WriteAllBytes(Path.Combine(root, runId, name), files[name].AsSpan(0, length).ToArray());

                // A journal cut exactly after a line is what a crash before the next write leaves: a resume checks
                // every change whose outcome is unknown, so that prefix is safe and nothing needs reporting.
                var atLineEnd = name == "journal.jsonl" && (length == 0 || files[name][length - 1] == (byte)'\n');
                if (!atLineEnd)
                {
                    AssertRefusedOrReported(root, runId, fx, $"{name} cut at {length}");
                }
            }, iter: Iterations, threads: 1);
        }

        private static void AssertRefusedOrReported(string root, string runId, ApplyFixture fx, string what)
        {
            try
            {
                using var journal = RunJournal.Open(root, runId, fx.Key);
                Assert.True(journal.Warnings.Count > 0, $"{what}: accepted silently");
            }
            catch (ApplyRefusedException ex)
            {
                Assert.Contains(ex.ErrorId, new[] { ApplyErrorIds.RunDamaged, ApplyErrorIds.JournalInvalid });
            }
        }

        private static Dictionary<string, byte[]> Snapshot(string root, string runId) =>
            Directory.GetFiles(Path.Combine(root, runId)).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

        private static void Restore(string root, string runId, Dictionary<string, byte[]> files)
        {
            foreach (var (name, bytes) in files)
            {
                File.WriteAllBytes(Path.Combine(root, runId, name), bytes);
            }
        }
    }
}
