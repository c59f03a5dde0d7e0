using System;
using System.Collections.Generic;
using System.IO;
using Aether.TitanHst.Emulator.Model;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// The staff records, in memory, behind one lock. Ids are kept in a sorted list so a page is a binary search
/// plus O(limit) reads; new ids are always the largest, so creating appends instead of inserting.
/// </summary>
internal sealed class StaffStore
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private Dictionary<string, StaffRecord> _byId = new(StringComparer.Ordinal);
    private Dictionary<string, string> _byExternalId = new(StringComparer.Ordinal);
    private List<string> _order = new();
    private IReadOnlyList<CodeItem> _roles = Array.Empty<CodeItem>();
    private IReadOnlyList<CodeItem> _sites = Array.Empty<CodeItem>();
    private long _lastNumber = StaffIds.FirstNumber - 1;

    public StaffStore(TimeProvider clock) => _clock = clock;

    /// <summary>Raised after every change (outside the lock), so the state file can be rewritten.</summary>
    public event Action? Changed;

    public IReadOnlyList<CodeItem> Roles { get { lock (_gate) { return _roles; } } }
    public IReadOnlyList<CodeItem> Sites { get { lock (_gate) { return _sites; } } }
    public int Count { get { lock (_gate) { return _byId.Count; } } }

    /// <summary>Replaces everything with the seed. Throws <see cref="InvalidDataException"/> on duplicate or malformed ids.</summary>
    public void Load(SeedDocument seed)
    {
        var now = Now();
        var byId = new Dictionary<string, StaffRecord>(seed.Staff.Count, StringComparer.Ordinal);
        var byExternal = new Dictionary<string, string>(seed.Staff.Count, StringComparer.Ordinal);
        var order = new List<string>(seed.Staff.Count + 1024);
        var last = StaffIds.FirstNumber - 1;
        foreach (var r in seed.Staff)
        {
            if (r.Id.Length > 0)
            {
                if (!StaffIds.TryParse(r.Id, out var n))
                {
                    throw new InvalidDataException($"Seed staff id '{r.Id}' is not 'stf_' + 12 of [0-9a-z].");
                }

                last = Math.Max(last, n);
            }
        }

        // Codes, titles and hire dates repeat across thousands of records; sharing one string each saves
        // a few hundred MB at a million records.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Share(string? s) => s is null ? null : pool.TryGetValue(s, out var shared) ? shared : pool[s] = s;
        var sorted = true;
        for (var i = 0; i < seed.Staff.Count; i++)
        {
            var r = seed.Staff[i];
            // Held at the precision served (milliseconds, §1), so updatedSince compares with what clients saw:
            // a seed's ...30.1239Z is ...30.123Z, and updatedSince=...30.1235Z does not return it.
            var created = r.CreatedAt == default ? now : ToMillisecond(r.CreatedAt);
            r = r with
            {
                Id = r.Id.Length > 0 ? r.Id : StaffIds.Format(++last),
                Version = Math.Max(1, r.Version),
                CreatedAt = created,
                UpdatedAt = r.UpdatedAt == default ? created : ToMillisecond(r.UpdatedAt),
                Title = Share(r.Title),
                RoleCode = Share(r.RoleCode),
                SiteCode = Share(r.SiteCode),
                HireDate = Share(r.HireDate),
                Assignments = SeedAssignments(r, i),
            };
            if (!byId.TryAdd(r.Id, r))
            {
                throw new InvalidDataException($"Seed staff id '{r.Id}' appears twice.");
            }

            if (r.ExternalId is not null && !byExternal.TryAdd(r.ExternalId, r.Id))
            {
                throw new InvalidDataException($"Seed externalId '{r.ExternalId}' appears twice.");
            }

            sorted &= order.Count == 0 || string.CompareOrdinal(order[^1], r.Id) < 0;
            order.Add(r.Id);
        }

        if (!sorted)
        {
            order.Sort(StringComparer.Ordinal);
        }

        lock (_gate)
        {
            _byId = byId;
            _byExternalId = byExternal;
            _order = order;
            _roles = Sorted(seed.Roles);
            _sites = Sorted(seed.Sites);
            _lastNumber = last;
        }

        Changed?.Invoke();
    }

    /// <summary>
    /// A seed's assignments as the API returns them (docs §3.1): never null (<c>"assignments": null</c> or absent is
    /// <c>[]</c>), sorted primary first. An item that is null or lacks its siteCode or roleCode cannot be served, so the seed is refused.
    /// </summary>
    private static IReadOnlyList<StaffAssignment> SeedAssignments(StaffRecord r, int index)
    {
        if (r.Assignments is not { Count: > 0 } items)
        {
            return Array.Empty<StaffAssignment>();
        }

        foreach (var a in items)
        {
            if (a is null || a.SiteCode is null || a.RoleCode is null)
            {
                throw new InvalidDataException($"Seed staff {(r.Id.Length > 0 ? "'" + r.Id + "'" : "#" + (index + 1))}: every assignment needs a siteCode and a roleCode (an item is null or lacks one).");
            }
        }

        // Served primary first, then by site and role (§3.1), whatever order the file had them in.
        return StaffValidator.Sorted(items);
    }

    public bool IsActiveRole(string code) => IsActive(Roles, code);
    public bool IsActiveSite(string code) => IsActive(Sites, code);

    public StaffRecord? Get(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public StaffRecord? GetByExternalId(string externalId)
    {
        lock (_gate)
        {
            return _byExternalId.TryGetValue(externalId, out var id) ? _byId[id] : null;
        }
    }

    /// <summary>Up to <paramref name="limit"/> matches after <paramref name="afterId"/>, scanning at most <paramref name="scanBudget"/> records.</summary>
    public StaffPage List(string? afterId, int limit, int scanBudget, Func<StaffRecord, bool> filter)
    {
        var items = new List<StaffRecord>(Math.Min(limit, 1024));
        lock (_gate)
        {
            var position = 0;
            if (afterId is not null)
            {
                var found = _order.BinarySearch(afterId, StringComparer.Ordinal);
                position = found >= 0 ? found + 1 : ~found;
            }

            var scanned = 0;
            while (position < _order.Count && items.Count < limit && scanned < scanBudget)
            {
                var record = _byId[_order[position++]];
                scanned++;
                if (filter(record))
                {
                    items.Add(record);
                }
            }

            return new StaffPage(items, position < _order.Count && position > 0 ? _order[position - 1] : null);
        }
    }

    /// <summary>Creates a record from <paramref name="draft"/> (its id, version and timestamps are assigned here).</summary>
    public WriteResult Create(StaffRecord draft)
    {
        StaffRecord created;
        lock (_gate)
        {
            if (draft.ExternalId is not null && _byExternalId.TryGetValue(draft.ExternalId, out var owner))
            {
                return new WriteResult(WriteStatus.Conflict, null, 0, owner);
            }

            var now = Now();
            created = draft with { Id = StaffIds.Format(++_lastNumber), Version = 1, CreatedAt = now, UpdatedAt = now };
            _byId.Add(created.Id, created);
            if (created.ExternalId is not null)
            {
                _byExternalId.Add(created.ExternalId, created.Id);
            }

            _order.Add(created.Id); // the largest id so far, so the list stays sorted
        }

        Changed?.Invoke();
        return new WriteResult(WriteStatus.Ok, created);
    }

    /// <summary>
    /// Applies <paramref name="change"/> if the record is at <paramref name="expectedVersion"/> (null: any version).
    /// A change that alters nothing keeps the version; <paramref name="forceBump"/> bumps it anyway (an admin "touch").
    /// </summary>
    public WriteResult Update(string id, int? expectedVersion, Func<StaffRecord, StaffRecord> change, bool forceBump = false)
    {
        StaffRecord updated;
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var current))
            {
                return WriteResult.NotFound;
            }

            if (expectedVersion is int expected && expected != current.Version)
            {
                return new WriteResult(WriteStatus.Stale, null, current.Version);
            }

            var proposed = change(current);
            if (proposed == current && !forceBump)
            {
                return new WriteResult(WriteStatus.Ok, current);
            }

            var externalChanged = !string.Equals(proposed.ExternalId, current.ExternalId, StringComparison.Ordinal);
            if (externalChanged && proposed.ExternalId is not null && _byExternalId.TryGetValue(proposed.ExternalId, out var owner))
            {
                return new WriteResult(WriteStatus.Conflict, null, current.Version, owner);
            }

            updated = proposed with { Version = current.Version + 1, UpdatedAt = Now() };
            _byId[id] = updated;
            if (externalChanged)
            {
                if (current.ExternalId is not null)
                {
                    _byExternalId.Remove(current.ExternalId);
                }

                if (updated.ExternalId is not null)
                {
                    _byExternalId.Add(updated.ExternalId, id);
                }
            }
        }

        Changed?.Invoke();
        return new WriteResult(WriteStatus.Ok, updated);
    }

    public WriteResult Delete(string id, int expectedVersion)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var current))
            {
                return WriteResult.NotFound;
            }

            if (expectedVersion != current.Version)
            {
                return new WriteResult(WriteStatus.Stale, null, current.Version);
            }

            _byId.Remove(id);
            if (current.ExternalId is not null)
            {
                _byExternalId.Remove(current.ExternalId);
            }

            _order.RemoveAt(_order.BinarySearch(id, StringComparer.Ordinal));
        }

        Changed?.Invoke();
        return new WriteResult(WriteStatus.Ok, null);
    }

    /// <summary>A consistent copy of the whole state, in id order, for export and the state file.</summary>
    public SeedDocument Snapshot()
    {
        lock (_gate)
        {
            var staff = new List<StaffRecord>(_order.Count);
            foreach (var id in _order)
            {
                staff.Add(_byId[id]);
            }

            return new SeedDocument { Roles = new List<CodeItem>(_roles), Sites = new List<CodeItem>(_sites), Staff = staff };
        }
    }

    private static bool IsActive(IReadOnlyList<CodeItem> items, string code)
    {
        foreach (var item in items)
        {
            if (item.Active && string.Equals(item.Code, code, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static List<CodeItem> Sorted(List<CodeItem> items)
    {
        var copy = new List<CodeItem>(items);
        copy.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return copy;
    }

    private DateTimeOffset Now() => ToMillisecond(_clock.GetUtcNow());

    /// <summary>UTC, cut to whole milliseconds: the instant as the API writes it ("fff" truncates too).</summary>
    private static DateTimeOffset ToMillisecond(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
