using System;
using System.Linq;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Sample
{
    /// <summary>
    /// Writes titanhst-seed.json, "what TitanHST holds yesterday", for the emulator: the same people with drift,
    /// so that a diff against today's exports has creates, updates, deactivations and records it must not touch.
    /// </summary>
    internal sealed class TargetSeedWriter : IDisposable
    {
        internal const string FileName = "titanhst-seed.json";

        private static readonly string[] EntrySeparator = { "; " };

        private readonly FileStream _stream;
        private readonly Utf8JsonWriter _json;

        internal TargetSeedWriter(string path)
        {
            _stream = PrivateFiles.CreateNew(path, FileMode.Create);
            _json = new Utf8JsonWriter(_stream, new JsonWriterOptions
            {
                Indented = true,
                NewLine = "\n",
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
            _json.WriteStartObject();
            _json.WriteStartArray("roles");
            foreach (var (code, name, active) in DistrictCatalog.Roles)
            {
                Reference(code, name, active);
            }

            _json.WriteEndArray();
            _json.WriteStartArray("sites");
            foreach (var site in DistrictCatalog.Sites)
            {
                Reference(site.Code, site.Name, site.Active);
            }

            Reference(DistrictCatalog.ClosedSite.Code, DistrictCatalog.ClosedSite.Name, DistrictCatalog.ClosedSite.Active);
            _json.WriteEndArray();
            _json.WriteStartArray("staff");
        }

        internal int Records { get; private set; }

        internal void Write(SamplePerson p)
        {
            if (p.Drift == TargetDrift.Absent)
            {
                return;
            }

            var drift = p.Drift;
            var active = drift != TargetDrift.Inactive;
            var email = drift == TargetDrift.EmailChanged && p.Email is not null
                ? p.Email.Substring(0, p.Email.IndexOf('@')) + "@" + DistrictCatalog.OldEmailDomain
                : p.Email;
            var title = drift == TargetDrift.TitleChanged ? OldTitle(p) : p.Title;
            var role = drift == TargetDrift.RoleChanged ? (p.RoleCode == "TEACHER" ? "CLASSIFIED" : "TEACHER") : p.RoleCode;
            var site = drift == TargetDrift.SiteChanged ? OtherSite(p.Site).Code : p.Site.Code;
            var phone = drift == TargetDrift.PhoneChanged && p.PhoneDigits is not null
                ? "+1" + p.PhoneDigits.Substring(0, 6) + ((int.Parse(p.PhoneDigits.Substring(6), System.Globalization.CultureInfo.InvariantCulture) + 1) % 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)
                : p.Phone;
            Staff(p.EmpId, active, p.FirstName, p.LastName, email, p.Username, title, role, site, SampleFormats.IsoDate(p.HireDate), phone, p.BadgeNumber, p.Notes, HeldAssignments(p, site, role));
        }

        /// <summary>
        /// What TitanHST held yesterday (decision 0011): today's assignments, with the site or role drift applied to
        /// the primary; a split-site teacher's second school not yet known; yesterday's ended position still listed.
        /// </summary>
        private static System.Collections.Generic.IEnumerable<(string Site, string Role, bool Primary, decimal Fte)> HeldAssignments(SamplePerson p, string site, string? role)
        {
            if (role is null)
            {
                yield break;
            }

            var yesterday = p.Today.AddDays(-1);
            var held = p.PositionScenario switch
            {
                PositionScenario.SplitSiteGained => p.Positions.Take(1),
                PositionScenario.EndedYesterday => p.Positions.Where(x => x.IsCurrent(yesterday)),
                PositionScenario.TwoPrimaries => p.Positions.Take(1),
                _ => p.Positions.Where(x => x.IsCurrent(p.Today)),
            };
            var text = SamplePosition.Canonical(held);
            if (text is null)
            {
                yield break;
            }

            foreach (var entry in text.Split(EntrySeparator, StringSplitOptions.None))
            {
                var at = entry.IndexOf('@');
                var slot = entry.Substring(0, at).TrimEnd('*');
                var primary = entry.Substring(0, at).EndsWith("*", StringComparison.Ordinal);
                var fte = decimal.Parse(entry.Substring(at + 1), System.Globalization.CultureInfo.InvariantCulture);
                var parts = slot.Split('/');
                // The drifted site or role lives on the primary, which siteCode/roleCode mirror.
                yield return primary ? (site, role, true, fte) : (parts[0], parts[1], false, fte);
            }
        }

        /// <summary>A record someone created by hand in TitanHST: no externalId, so the connector never touches it.</summary>
        internal void WriteManualRecord() =>
            Staff(null, true, "Guest", "Reader", "guest.reader@" + DistrictCatalog.EmailDomain, null, "Volunteer Reader", "CLASSIFIED", "JES", null, null,
                "V0001", "Created by hand in TitanHST for the reading program; not in HR or Aeries.");

        public void Dispose()
        {
            _json.WriteEndArray();
            _json.WriteEndObject();
            _json.Flush();
            _stream.WriteByte((byte)'\n');
            _json.Dispose();
            _stream.Dispose();
        }

        private static string OldTitle(SamplePerson p)
        {
            var titles = p.JobClass.Titles;
            for (var i = 0; i < titles.Length; i++)
            {
                if (titles[i] != p.Title)
                {
                    return titles[i];
                }
            }

            return "Staff";
        }

        private static SampleSite OtherSite(SampleSite site)
        {
            var sites = DistrictCatalog.Sites;
            return sites[(Array.IndexOf(sites, site) + 1) % sites.Length];
        }

        private void Reference(string code, string name, bool active)
        {
            _json.WriteStartObject();
            _json.WriteString("code", code);
            _json.WriteString("name", name);
            _json.WriteBoolean("active", active);
            _json.WriteEndObject();
        }

        private void Staff(string? externalId, bool active, string firstName, string lastName, string? email, string? username, string? title,
            string? roleCode, string? siteCode, string? hireDate, string? phone, string? badgeNumber, string? notes,
            System.Collections.Generic.IEnumerable<(string Site, string Role, bool Primary, decimal Fte)>? assignments = null)
        {
            _json.WriteStartObject();
            String("externalId", externalId);
            _json.WriteBoolean("active", active);
            String("firstName", firstName);
            String("lastName", lastName);
            String("email", email);
            String("username", username);
            String("title", title);
            String("roleCode", roleCode);
            String("siteCode", siteCode);
            String("hireDate", hireDate);
            String("phone", phone);
            String("badgeNumber", badgeNumber);
            String("notes", notes);
            if (assignments is not null)
            {
                _json.WriteStartArray("assignments");
                foreach (var a in assignments)
                {
                    _json.WriteStartObject();
                    _json.WriteString("siteCode", a.Site);
                    _json.WriteString("roleCode", a.Role);
                    _json.WriteBoolean("primary", a.Primary);
                    _json.WriteNumber("fte", a.Fte);
                    _json.WriteEndObject();
                }

                _json.WriteEndArray();
            }

            _json.WriteEndObject();
            Records++;
            if (_json.BytesPending > 1 << 16)
            {
                _json.Flush();
            }
        }

        private void String(string name, string? value)
        {
            if (value is null)
            {
                _json.WriteNull(name);
            }
            else
            {
                _json.WriteString(name, value);
            }
        }
    }
}
