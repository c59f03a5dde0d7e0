using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Audit;

namespace Aether.TitanHst.Tests.Audit
{
    public sealed class AuditPiiTests : IDisposable
    {
        private static readonly Dictionary<string, string?> Jane = new()
        {
            ["firstName"] = "Janeway",
            ["lastName"] = "Okonkwo-Smith",
            ["email"] = "janeway.okonkwo@district.example.org",
            ["roleCode"] = "TCH",
            ["badge"] = "B-778812",
        };

        private readonly AuditTestLog _log = new();

        public void Dispose() => _log.Dispose();

        [Fact]
        public void By_default_personal_fields_are_hashed_codes_are_clear_and_names_never_appear()
        {
            var entry = _log.Action("run-1", "E1", fields: Jane);

            var text = _log.AllText();
            foreach (var secret in new[] { "Janeway", "Okonkwo", "janeway.okonkwo", "district.example", "B-778812" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Contains("\"roleCode\":{\"mode\":\"clear\",\"value\":\"TCH\"}", text);
            var byName = entry.Fields.ToDictionary(f => f.Name);
            Assert.Equal(AuditPiiMode.Hashed, byName["firstName"].GetMode());
            Assert.Equal(AuditPiiMode.Hashed, byName["badge"].GetMode()); // not in the contract: hashed, to be safe
            Assert.Matches("^hmac:[0-9a-f]{64}$", byName["email"].Value);
            Assert.Equal("badge,email,firstName,lastName,roleCode", entry.FieldNames);
        }

        [Fact]
        public void Equal_values_hash_equally_across_entries_and_writers_of_the_folder_but_not_of_another_folder()
        {
            var first = _log.Action("run-1", "E1", fields: Jane).Fields.Single(f => f.Name == "lastName").Value;
            using var second = new AuditLogWriter(_log.NewOptions());
            var again = second.Append(new AuditEvent(AuditEntryKind.Action) { Fields = { ["lastName"] = "Okonkwo-Smith" } }).Fields.Single().Value;
            using var other = new AuditTestLog();
            var elsewhere = other.Action("run-1", "E1", fields: Jane).Fields.Single(f => f.Name == "lastName").Value;

            Assert.Equal(first, again);
            Assert.NotEqual(first, elsewhere);
        }

        [Fact]
        public void The_key_is_created_once_32_bytes_readable_by_the_owner_only()
        {
            _log.Action("run-1", "E1", fields: Jane);
            var key = Path.Combine(_log.Folder, AuditFolder.KeyFileName);

            Assert.Equal(32, File.ReadAllBytes(key).Length);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_log.Folder));
            }
        }

        [Fact]
        public void Masked_and_clear_modes_come_from_the_options()
        {
            _log.Options.FieldModes["email"] = AuditPiiMode.Masked;
            _log.Options.FieldModes["firstName"] = AuditPiiMode.Masked;
            _log.Options.FieldModes["badge"] = AuditPiiMode.Clear;

            var fields = _log.Action("run-1", "E1", fields: Jane).Fields.ToDictionary(f => f.Name, f => f.Value);

            Assert.Equal("j***@d***.org", fields["email"]);
            Assert.Equal("J***", fields["firstName"]);
            Assert.Equal("B-778812", fields["badge"]);
            Assert.DoesNotContain("Janeway", _log.AllText());
        }

        [Theory]
        [InlineData("", "")]
        [InlineData("x", "***")]
        [InlineData("Ng", "N***")]
        [InlineData("a@b.co", "a***@b***.co")]
        [InlineData("no-at-sign.org", "n***")]
        public void Masking(string value, string masked) => Assert.Equal(masked, AuditFieldProtector.Mask(value));

        [Fact]
        public void Contract_overrides_win_over_the_pii_flag()
        {
            var options = new AuditLogOptions(_log.Folder).UseFields(
                new Dictionary<string, bool> { ["email"] = true, ["siteCode"] = false },
                new Dictionary<string, AuditPiiMode> { ["email"] = AuditPiiMode.Masked });

            Assert.Equal(AuditPiiMode.Masked, options.ModeOf("EMAIL"));
            Assert.Equal(AuditPiiMode.Clear, options.ModeOf("siteCode"));
            Assert.Equal(AuditPiiMode.Hashed, options.ModeOf("anythingElse"));
        }

        [Fact]
        public void Errors_lose_field_values_e_mail_addresses_and_bearer_tokens()
        {
            var e = new AuditEvent(AuditEntryKind.Outcome) { Outcome = "Failed", Error = "422: lastName 'Okonkwo-Smith' too long; contact ops@vendor.example; sent Bearer eyJhbGciOi.abc" };
            e.Fields["lastName"] = "Okonkwo-Smith";

            var error = _log.Writer.Append(e).Error;

            Assert.Equal("422: lastName '[lastName]' too long; contact [email]; sent Bearer [redacted]", error);
        }

        [Fact]
        public void A_cleared_field_is_recorded_as_null()
        {
            var entry = _log.Action("run-1", "E1", fields: new Dictionary<string, string?> { ["email"] = null });

            Assert.Null(entry.Fields.Single().Value);
            Assert.Null(AuditLogQuery.Read(_log.Folder).Single().Fields.Single().Value);
        }
    }
}
