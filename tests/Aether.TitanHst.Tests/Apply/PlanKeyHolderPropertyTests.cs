using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using CsCheck;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>
    /// Someone who holds the installation key can write a plan whose MAC verifies. Whatever such a plan says, reading
    /// it and the apply's gate must end in a plan the gate let through, a refusal naming the file
    /// (<see cref="InputFileException"/>) or the gate's refusal (<see cref="ApplyRefusedException"/>): never a runtime
    /// exception in place of a decision. The edits are made to the plan's content and then hashed and MAC'd again.
    /// </summary>
    public sealed class PlanKeyHolderPropertyTests
    {
        private static readonly string[] Pieces =
        {
            " ", ",", ":", "\"", "\\", "{", "}", "[", "]", "null", "true", "false", "0", "-1", "1e999", "99999999999999999999", "\"\"",
            "\\u0000", "\\ud800", "é", "\"x\": 1, ", "\"action\": \"Delete\", ", "\"risk\": null, ", "\"fieldChanges\": null, ", "\"desired\": {}, ",
            "[]", "{}", "\"Create\"", "\"Deactivate\"", "\"NoChange\"",
        };

        // A member's value replaced by another JSON value of any type: what a forger writes in place of what the writer did.
        private static readonly Regex Member = new("\"(?<name>[A-Za-z]+)\": (?<value>\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9.eE+]+|true|false|null)", RegexOptions.CultureInvariant);

        [Fact]
        public void Whatever_a_key_holder_writes_in_a_plan_is_read_and_gated_without_a_runtime_exception()
        {
            using var fx = new ApplyFixture();
            PlanWriter.Write(fx.PlanPath, fx.Diff().Changes, "ops@host", fx.Key);
            var original = File.ReadAllText(fx.PlanPath);
            var refused = 0;

            Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[0, Pieces.Length - 1], Gen.Int[1, 6]).Sample(t =>
            {
                File.WriteAllText(fx.PlanPath, original, new UTF8Encoding(false));
                var edit = string.Empty;
                try
                {
                    PlanForgery.Rewrite(fx.PlanPath, raw => edit = Edit(raw, t.Item1, t.Item2, Pieces[t.Item3], t.Item4), fx.Key);
                }
                catch (InvalidOperationException)
                {
                    return; // The edit changed nothing.
                }

                try
                {
                    var plan = PlanReader.Read(fx.PlanPath, fx.Key);
                    ApplyGate.Check(plan.Changes, ApplyGateTests.Options(fx, overrideReason: "reviewed", allowRoleChange: true));
                }
                catch (Exception e) when (e is InputFileException or ApplyRefusedException)
                {
                    refused++;
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    throw new Xunit.Sdk.XunitException($"{e.GetType().Name} ({e.Message}) for a plan edited to:\n{Around(edit, t.Item2)}\n{e.StackTrace}");
                }
            }, iter: 800, threads: 1);

            Assert.True(refused > 200, $"only {refused} edited plans were refused: the edits say little");
        }

        private static string Edit(string raw, int kind, double where, string piece, int length)
        {
            var at = Math.Min((int)(where * raw.Length), raw.Length - 1);
            switch (kind)
            {
                case 0:
                    return raw.Insert(at, piece);
                case 1:
                    return raw.Remove(at, Math.Min(length, raw.Length - at));
                default:
                    // The member nearest after the place, its value replaced by the piece (a value of another type, or broken).
                    var match = Member.Match(raw, at);
                    if (!match.Success)
                    {
                        match = Member.Match(raw);
                    }

                    var value = match.Groups["value"];
                    return string.Concat(raw.AsSpan(0, value.Index), piece, raw.AsSpan(value.Index + value.Length));
            }
        }

        private static string Around(string text, double where)
        {
            var at = Math.Min((int)(where * text.Length), Math.Max(0, text.Length - 1));
            var from = Math.Max(0, at - 120);
            return text.Substring(from, Math.Min(240, text.Length - from));
        }
    }
}
