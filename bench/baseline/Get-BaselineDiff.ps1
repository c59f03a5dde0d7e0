#Requires -Version 7.2
<#
.SYNOPSIS
    The script a competent sysadmin would write instead of the module: the sample district's HR and Aeries exports
    joined with Import-Csv and hashtables, compared with a TitanHST snapshot using Compare-Object.

.DESCRIPTION
    The yardstick for docs/benchmarks.md ("≥ 30× faster at 100k"). It applies the SAME rules as the sample contract
    (src/Aether.TitanHst/Sample/contract.jsonc), written out by hand as a sysadmin would, without the module:
      - join on HR EmpID = Aeries HumanResourcesSystemID, keys trimmed, leading zeros stripped, upper-cased;
        a key repeated in either export makes that person a conflict; Aeries rows without a key or unknown to HR
        are skipped (and such a person is left alone in TitanHST);
      - each field from the first export whose raw value is not blank, normalized as the contract says (names
        trimmed, whitespace collapsed, NFC, ALL-CAPS names title-cased; e-mail lower-cased in sampleusd.org;
        dates to yyyy-MM-dd; phones to E.164, an invalid phone blanked; role and site through the mapping tables);
        a person whose required field, e-mail, date or code cannot be made is a conflict;
      - positions (schema 2026-02, decision 0011): HR's position export has one row per position; a blank or
        repeated position id makes the person a conflict; a position is current unless it starts after today or
        ended before today; each current one gives SITE/ROLE through the mapping tables, its FTE (0 < fte <= 1)
        and the primary flag; the same site and role on two rows is one assignment (FTEs add, at most 1); two
        flagged primaries for different assignments, or a row that cannot be read, make an in-scope person a
        conflict; the primary is the flagged one, else the biggest FTE, the earliest start, the lowest position
        id, then file order; assignments are compared as the canonical text "SITE/ROLE*@0.6; SITE/ROLE@0.4"
        (primary first, then site and role, ordinal), and siteCode/roleCode mirror the primary;
      - the conflict rule (HR terminated, Aeries active) before scope; scope = active or on leave, not a substitute;
      - only the owned fields compared, blank equal to absent; records without an externalId are not ours;
        a managed record nobody wants any more is deactivated if active.
    It is a yardstick, not a product: it has none of the module's file checks, audit, safety thresholds or plan.
    Returns one object with the change counts and the seconds taken.

.EXAMPLE
    ./bench/baseline/Get-BaselineDiff.ps1 -DistrictPath out/bench/district-100000-seed1 -SnapshotPath out/bench/district-100000-seed1/titanhst-snapshot.jsonl
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DistrictPath,
    [Parameter(Mandatory)] [string] $SnapshotPath
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$watch = [Diagnostics.Stopwatch]::StartNew()

function Format-Name([string] $Value) {
    $v = ($Value.Trim() -replace '\s+', ' ').Normalize([Text.NormalizationForm]::FormC)
    if ($v -cmatch '\p{Lu}' -and $v -cmatch '\p{Ll}') { return $v }   # mixed case is left alone
    $chars = $v.ToLowerInvariant().ToCharArray()
    $start = $true
    for ($i = 0; $i -lt $chars.Length; $i++) {
        $c = $chars[$i]
        if ([char]::IsLetter($c)) {
            if ($start) {
                $chars[$i] = [char]::ToUpperInvariant($c)
                if ($c -eq 'm' -and $i + 2 -lt $chars.Length -and $chars[$i + 1] -eq 'c' -and [char]::IsLetter($chars[$i + 2]) -and ($i -eq 0 -or -not [char]::IsLetter($chars[$i - 1]))) {
                    $chars[$i + 2] = [char]::ToUpperInvariant($chars[$i + 2]); $i += 2
                }
            }
            $start = $false
        }
        else { $start = $c -in ' ', '-', "'", [char]0x2019, '.' }
    }
    $v = -join $chars
    if ($v.Length -gt 100) { throw 'too long' }
    $v
}
# E-mail shape of the contract's email rule.
$emailShape = '^[a-z0-9.!#$%&''*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$'
$date = [datetime]::MinValue
$invariant = [cultureinfo]::InvariantCulture
function Import-Table([string] $File, [string] $KeyColumn, [string] $ValueColumn, [scriptblock] $KeyRule) {
    $table = @{}
    foreach ($row in Import-Csv $File) { $table[(& $KeyRule $row.$KeyColumn)] = $row.$ValueColumn }
    $table
}

# Mapping tables, keys normalized as the contract says (default: trim, upper).
$roles = Import-Table (Join-Path $DistrictPath 'mappings/job-class-to-role.csv') JobClassId TitanHstRole { param($k) $k.Trim().ToUpperInvariant() }
$hrSites = Import-Table (Join-Path $DistrictPath 'mappings/hr-site-to-site.csv') HrSiteId TitanHstSite { param($k) $v = $k.Trim(); $i = 0; while ($i -lt $v.Length - 1 -and $v[$i] -eq '0') { $i++ }; $v.Substring($i) }

# The exports, by join key; a key seen twice in either export poisons that person.
$duplicate = @{}
$hr = @{}
foreach ($row in Import-Csv (Join-Path $DistrictPath 'exports/hr-employees.csv') -Encoding utf8) {
    if ([string]::IsNullOrWhiteSpace($row.EmpID)) { continue }
    $key = ($row.EmpID.Trim() -replace '^0+(?=.)', '').ToUpperInvariant()
    if ($hr.ContainsKey($key)) { $duplicate[$key] = $true } else { $hr[$key] = $row }
}
$aeries = @{}
foreach ($row in Import-Csv (Join-Path $DistrictPath 'exports/aeries-staff.csv') -Encoding ([Text.Encoding]::GetEncoding(1252))) {
    if ([string]::IsNullOrWhiteSpace($row.HumanResourcesSystemID)) { continue }   # contractors: skipped
    $key = ($row.HumanResourcesSystemID.Trim() -replace '^0+(?=.)', '').ToUpperInvariant()
    if ($aeries.ContainsKey($key)) { $duplicate[$key] = $true } else { $aeries[$key] = $row }
}

# HR's positions, by join key, in file order; a blank or repeated position id poisons that person.
$positions = @{}
$badPositions = @{}
$positionSeen = @{}
foreach ($row in Import-Csv (Join-Path $DistrictPath 'exports/hr-positions.csv') -Encoding utf8) {
    if ([string]::IsNullOrWhiteSpace($row.EmpID)) { continue }
    $key = ($row.EmpID.Trim() -replace '^0+(?=.)', '').ToUpperInvariant()
    $positionId = $row.PositionId.Trim()
    if (-not $positionId -or $positionSeen.ContainsKey("$key|$positionId")) { $badPositions[$key] = $true }
    else { $positionSeen["$key|$positionId"] = $true }
    if (-not $positions.ContainsKey($key)) { $positions[$key] = [Collections.Generic.List[object]]::new() }
    $positions[$key].Add($row)
}
$today = [datetime]::Today
$decimalStyle = [Globalization.NumberStyles]'AllowDecimalPoint, AllowLeadingWhite, AllowTrailingWhite'
$fte = [decimal]0
$number1 = [long]0; $number2 = [long]0

# What TitanHST should hold: key -> owned fields; plus who is a conflict, and who we must leave alone.
$owned = 'firstName', 'lastName', 'email', 'username', 'title', 'assignments', 'roleCode', 'siteCode', 'hireDate', 'phone'
$wanted = @{}
$conflict = @{}
$leaveAlone = @{}
foreach ($key in $aeries.Keys) { if (-not $hr.ContainsKey($key) -and -not $duplicate.ContainsKey($key)) { $leaveAlone[$key] = $true } }
foreach ($key in $positions.Keys) { if (-not $hr.ContainsKey($key) -and -not $aeries.ContainsKey($key) -and -not $badPositions.ContainsKey($key)) { $leaveAlone[$key] = $true } }
foreach ($key in $duplicate.Keys) { $conflict[$key] = $true }
foreach ($key in $badPositions.Keys) { if (-not $duplicate.ContainsKey($key)) { $conflict[$key] = $true } }
foreach ($key in $hr.Keys) {
    if ($duplicate.ContainsKey($key) -or $badPositions.ContainsKey($key)) { continue }
    $h = $hr[$key]; $a = $aeries[$key]
    try {
        if ([string]::IsNullOrWhiteSpace($h.EmploymentStatusCode)) { throw 'no status' }
        $status = switch ($h.EmploymentStatusCode.Trim()) { 'A' { 'active' } 'L' { 'leave' } 'T' { 'terminated' } default { throw 'unmapped status' } }
        $jobClass = if ([string]::IsNullOrWhiteSpace($h.JobClassId)) { $null } else { $h.JobClassId.Trim().ToUpperInvariant() }
        $aeriesRecord = if ($a -and -not [string]::IsNullOrWhiteSpace($a.ID)) { $a.ID.Trim() } else { $null }
        $aeriesInactive = if ($a -and -not [string]::IsNullOrWhiteSpace($a.InactiveStatusCode)) { $a.InactiveStatusCode.Trim().ToUpperInvariant() } else { $null }
    }
    catch { $conflict[$key] = $true; continue }
    if ($status -eq 'terminated' -and $aeriesRecord -and -not $aeriesInactive) { $conflict[$key] = $true; continue }
    if ($status -notin 'active', 'leave' -or $jobClass -in 'SUB01', 'SUB02') { continue }   # out of scope
    try {
        # The person's current positions: site and role through the tables, FTE, primary flag, start.
        $current = [Collections.Generic.List[object]]::new()
        $held = $positions[$key]
        foreach ($p in $(if ($held) { $held } else { @() })) {
            $start = $null; $end = $null
            if (-not [string]::IsNullOrWhiteSpace($p.StartDate)) {
                if (-not [datetime]::TryParseExact($p.StartDate.Trim(), 'yyyy-MM-dd', $invariant, 'None', [ref]$date)) { throw 'bad date' }
                $start = $date
            }
            if (-not [string]::IsNullOrWhiteSpace($p.EndDate)) {
                if (-not [datetime]::TryParseExact($p.EndDate.Trim(), 'yyyy-MM-dd', $invariant, 'None', [ref]$date)) { throw 'bad date' }
                $end = $date
            }
            if (($null -ne $start -and $start -gt $today) -or ($null -ne $end -and $end -lt $today)) { continue }   # not current
            $positionFte = $null
            if (-not [string]::IsNullOrWhiteSpace($p.FTE)) {
                if (-not [decimal]::TryParse($p.FTE.Trim(), $decimalStyle, $invariant, [ref]$fte) -or $fte -le 0 -or $fte -gt 1) { throw 'bad fte' }
                $positionFte = $fte
            }
            if ([string]::IsNullOrWhiteSpace($p.SiteId) -or [string]::IsNullOrWhiteSpace($p.JobClassId)) { throw 'no code' }
            $k = $p.SiteId.Trim(); $i = 0; while ($i -lt $k.Length - 1 -and $k[$i] -eq '0') { $i++ }
            $positionSite = $hrSites[$k.Substring($i)]
            $positionRole = $roles[$p.JobClassId.Trim().ToUpperInvariant()]
            if (-not $positionSite -or -not $positionRole -or "$positionSite$positionRole" -match '[/;*@\s]') { throw 'unmapped code' }
            $current.Add([pscustomobject]@{
                Slot = "$positionSite/$positionRole"; Site = $positionSite; Role = $positionRole; Fte = $positionFte
                Flagged = $p.PrimaryFlag.Trim() -eq 'Y'; Start = $start; Id = $p.PositionId.Trim()
            })
        }
        if ($current.Count -eq 0) { throw 'required: no current position' }
        $flaggedSlot = $null
        foreach ($p in $current) {
            if (-not $p.Flagged) { continue }
            if ($null -eq $flaggedSlot) { $flaggedSlot = $p.Slot } elseif ($flaggedSlot -cne $p.Slot) { throw 'two primaries' }
        }
        # The primary: flagged, else biggest FTE, earliest start, lowest position id (numeric when both are), file order.
        $best = $current[0]
        foreach ($p in $current) {
            if ($p -eq $best) { continue }
            $c = 0
            if ($p.Flagged -ne $best.Flagged) { $c = if ($p.Flagged) { -1 } else { 1 } }
            elseif ($p.Fte -ne $best.Fte) { $c = if ($null -eq $p.Fte) { 1 } elseif ($null -eq $best.Fte) { -1 } elseif ($p.Fte -gt $best.Fte) { -1 } else { 1 } }
            elseif ($p.Start -ne $best.Start) { $c = if ($null -eq $p.Start) { 1 } elseif ($null -eq $best.Start) { -1 } elseif ($p.Start -lt $best.Start) { -1 } else { 1 } }
            elseif ([long]::TryParse($p.Id, 'None', $invariant, [ref]$number1) -and [long]::TryParse($best.Id, 'None', $invariant, [ref]$number2)) { $c = $number1.CompareTo($number2) }
            else { $c = [string]::CompareOrdinal($p.Id, $best.Id) }
            if ($c -lt 0) { $best = $p }
        }
        # One assignment per site and role (FTEs add), in canonical order: primary first, then site and role (ordinal).
        $slots = [ordered]@{}
        foreach ($p in $current) {
            if (-not $slots.Contains($p.Slot)) { $slots[$p.Slot] = [pscustomobject]@{ Slot = $p.Slot; Site = $p.Site; Role = $p.Role; Fte = $p.Fte } }
            elseif ($null -ne $p.Fte) { $slots[$p.Slot].Fte = [decimal]$slots[$p.Slot].Fte + $p.Fte }
        }
        # "SITE<NUL>ROLE" sorts ordinally as site then role (NUL sorts before every character of a code).
        $order = [Collections.Generic.List[string]]::new()
        foreach ($entry in $slots.Values) { if ($entry.Slot -cne $best.Slot) { $order.Add("$($entry.Site)`0$($entry.Role)") } }
        $order.Sort([StringComparer]::Ordinal)
        $order.Insert(0, "$($best.Site)`0$($best.Role)")
        $entries = foreach ($slot in $order) {
            $entry = $slots[$slot.Replace("`0", '/')]
            if ($null -ne $entry.Fte -and $entry.Fte -gt 1) { throw 'fte over 1' }
            "$($entry.Slot)$(if ($entry.Slot -ceq $best.Slot) { '*' })$(if ($null -ne $entry.Fte) { '@' + $entry.Fte.ToString('0.####', $invariant) })"
        }
        $assignments = $entries -join '; '
        $role = $best.Role
        $site = $best.Site
        $first = if (-not [string]::IsNullOrWhiteSpace($h.NameFirst)) { $h.NameFirst } elseif ($a -and -not [string]::IsNullOrWhiteSpace($a.FirstName)) { $a.FirstName } else { throw 'required' }
        $last = if (-not [string]::IsNullOrWhiteSpace($h.NameLast)) { $h.NameLast } elseif ($a -and -not [string]::IsNullOrWhiteSpace($a.LastName)) { $a.LastName } else { throw 'required' }
        $email = if (-not [string]::IsNullOrWhiteSpace($h.EmailWork)) { $h.EmailWork } elseif ($a -and -not [string]::IsNullOrWhiteSpace($a.EmailAddress)) { $a.EmailAddress } else { $null }
        if ($a -and -not [string]::IsNullOrWhiteSpace($a.Title)) { $title = $a.Title } elseif (-not [string]::IsNullOrWhiteSpace($h.JobClassDescr)) { $title = $h.JobClassDescr } else { $title = $null }
        $hire = $null
        if (-not [string]::IsNullOrWhiteSpace($h.DateHire)) {
            if (-not [datetime]::TryParseExact($h.DateHire.Trim(), [string[]]'yyyy-MM-dd', $invariant, 'AllowWhiteSpaces', [ref]$date)) { throw 'bad date' }
            $hire = $date.ToString('yyyy-MM-dd', $invariant)
        }
        elseif ($a -and -not [string]::IsNullOrWhiteSpace($a.HireDate)) {
            if (-not [datetime]::TryParseExact($a.HireDate.Trim(), [string[]]('M/d/yyyy', 'MM/dd/yyyy'), $invariant, 'AllowWhiteSpaces', [ref]$date)) { throw 'bad date' }
            $hire = $date.ToString('yyyy-MM-dd', $invariant)
        }
        $title = if ($title) { $t = $title.Trim() -replace '\s+', ' '; if ($t.Length -gt 128) { $t.Substring(0, 128) } else { $t } } else { $null }
        $user = if ($a -and -not [string]::IsNullOrWhiteSpace($a.NetworkLoginID)) { $u = $a.NetworkLoginID.Trim().ToLowerInvariant(); if ($u.Length -gt 64) { throw 'too long' }; $u } else { $null }
        # Inline rather than one function per rule: a PowerShell function call costs more than the rule itself,
        # so this keeps the yardstick as fast as a sysadmin could reasonably make it.
        $first = ($first.Trim() -replace '\s+', ' ').Normalize([Text.NormalizationForm]::FormC)
        if (-not ($first -cmatch '\p{Lu}' -and $first -cmatch '\p{Ll}')) { $first = Format-Name $first }
        elseif ($first.Length -gt 100) { throw 'too long' }
        $last = ($last.Trim() -replace '\s+', ' ').Normalize([Text.NormalizationForm]::FormC)
        if (-not ($last -cmatch '\p{Lu}' -and $last -cmatch '\p{Ll}')) { $last = Format-Name $last }
        elseif ($last.Length -gt 100) { throw 'too long' }
        if ($email) {
            $email = $email.Trim().ToLowerInvariant()
            if ($email.StartsWith('mailto:')) { $email = $email.Substring(7) }
            if ($email -cnotmatch $emailShape -or $email.Contains('..') -or -not $email.EndsWith('@sampleusd.org')) { throw 'bad email' }
        }
        $phone = $null
        if (-not [string]::IsNullOrWhiteSpace($h.PhoneWork)) {
            $p = $h.PhoneWork; $x = $p.ToLowerInvariant().IndexOf('ext'); if ($x -lt 0) { $x = $p.ToLowerInvariant().IndexOf('x') }
            $ext = if ($x -ge 0) { $p.Substring($x) -replace '\D', '' } else { '' }
            $d = if ($x -ge 0) { $p.Substring(0, $x) -replace '\D', '' } else { $p -replace '\D', '' }
            if ($d.Length -eq 11 -and $d[0] -eq '1') { $d = $d.Substring(1) }
            if ($d.Length -eq 10 -and $d[0] -ge '2' -and $d[3] -ge '2') { $phone = if ($ext) { "+1$d x$ext" } else { "+1$d" } }   # else invalid: blank
        }
        $wanted[$key] = @{
            firstName = $first; lastName = $last; email = $email; username = $user; title = $title
            assignments = $assignments; roleCode = $role; siteCode = $site; hireDate = $hire; phone = $phone
        }
    }
    catch { $conflict[$key] = $true }
}

# TitanHST: the snapshot's records by externalId (header and end lines skipped).
$target = @{}
Get-Content $SnapshotPath | ConvertFrom-Json -AsHashtable | ForEach-Object {
    if ($_.ContainsKey('fields') -and -not [string]::IsNullOrEmpty($_.externalId)) {
        $target[($_.externalId.Trim() -replace '^0+(?=.)', '').ToUpperInvariant()] = $_
    }
}

# The comparison: keys on both sides with Compare-Object, then the owned fields of everyone on both sides.
$create = 0; $update = 0; $reactivate = 0; $deactivate = 0; $noChange = 0
# Sorted first: Compare-Object on unsorted lists of this size is quadratic (10 s at 5k keys, hours at 100k).
$sides = Compare-Object -ReferenceObject ($target.Keys | Sort-Object) -DifferenceObject ($wanted.Keys | Sort-Object) -IncludeEqual
foreach ($side in $sides) {
    $key = $side.InputObject
    switch ($side.SideIndicator) {
        '=>' { $create++ }
        '<=' {
            if ($conflict.ContainsKey($key) -or $leaveAlone.ContainsKey($key)) { continue }
            if ($target[$key].active) { $deactivate++ } else { $noChange++ }
        }
        '==' {
            $held = $target[$key].fields
            $differs = $false
            foreach ($field in $owned) {
                $a = $wanted[$key][$field]; $b = $held[$field]
                if (-not ([string]::IsNullOrEmpty($a) -and [string]::IsNullOrEmpty($b)) -and $a -cne $b) { $differs = $true; break }
            }
            if (-not $target[$key].active) { $reactivate++ } elseif ($differs) { $update++ } else { $noChange++ }
        }
    }
}
$watch.Stop()
[pscustomobject][ordered]@{
    create     = $create
    update     = $update
    deactivate = $deactivate
    reactivate = $reactivate
    conflict   = $conflict.Count
    noChange   = $noChange
    seconds    = [math]::Round($watch.Elapsed.TotalSeconds, 2)
}
