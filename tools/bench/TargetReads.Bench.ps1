#Requires -Version 7.2
<#
.SYNOPSIS
    Measures incremental against full target reads: pages and time of a refresh after -ChurnShare of the records
    changed, against a full read of the same TitanHST (docs/target-reads.md).

.DESCRIPTION
    The emulator is seeded with -StaffCount records. Update-TitanHstSnapshot -Full reads them into a kept snapshot;
    then -ChurnShare of them (every 1/share-th record) change the way TitanHST's own admins change them (the
    emulator's touch: half with a field edit, half a bare version bump); then Update-TitanHstSnapshot refreshes the
    kept snapshot. The refresh is made twice from the same kept file: against a vendor that indexes updatedAt
    (listScanWindow -IndexedWindow: a filtered page fills up) and against one that filters while scanning (the
    emulator's default window, 20 x limit). The refreshed records must equal a fresh full read byte for byte (the
    bench fails otherwise). -Overlap is 0: the run compresses a day into a minute, and the overlap covers clock skew
    of minutes in a daily run, not a minute-long day. Writes out/bench/target-reads.json.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./tools/bench/TargetReads.Bench.ps1 -StaffCount 100000
#>
[CmdletBinding()]
param(
    [int] $StaffCount = 1000000,
    [double] $ChurnShare = 0.01,
    [int] $IndexedWindow = 10000000,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Aether.TitanHst/Aether.TitanHst.psd1'),
    [string] $OutDirectory = (Join-Path $PSScriptRoot '../../out/bench')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot 'BenchEmulator.psm1') -Force
New-Item -ItemType Directory -Force $OutDirectory | Out-Null
$work = New-BenchWorkFolder 'titanhst-reads-bench'
$env:AETHER_TITANHST_KEYS = Join-Path $work 'keys'

function Get-RecordSection([string] $Path) {
    # SHA-256 of the record lines: everything between the header line and the end line.
    $bytes = [IO.File]::ReadAllBytes($Path)
    $start = [Array]::IndexOf($bytes, [byte]10) + 1
    $end = [Array]::LastIndexOf($bytes, [byte]10, $bytes.Length - 2) + 1
    $sha = [Security.Cryptography.SHA256]::Create()
    try { [Convert]::ToHexString($sha.ComputeHash($bytes, $start, $end - $start)) } finally { $sha.Dispose() }
}

function Invoke-Churn([uri] $BaseUri, [string[]] $Ids) {
    # Concurrent touches through the control endpoint: what TitanHST's admins do between two syncs.
    $http = [Net.Http.HttpClient]::new()
    try {
        $pending = [Collections.Generic.List[Threading.Tasks.Task[Net.Http.HttpResponseMessage]]]::new()
        for ($i = 0; $i -lt $Ids.Count; $i++) {
            $content = if ($i % 2 -eq 0) { [Net.Http.StringContent]::new('{"title":"Churned ' + $i + '"}', [Text.Encoding]::UTF8, 'application/json') } else { $null }
            $pending.Add($http.PostAsync([uri]::new($BaseUri, "_emulator/staff/$($Ids[$i])/touch"), $content))
            if ($pending.Count -ge 64 -or $i -eq $Ids.Count - 1) {
                foreach ($task in $pending) { $response = $task.GetAwaiter().GetResult(); if (-not $response.IsSuccessStatusCode) { throw "touch failed: $($response.StatusCode)" }; $response.Dispose() }
                $pending.Clear()
            }
        }
    }
    finally { $http.Dispose() }
}

$seed = Join-Path $work 'seed.json'
$watch = [Diagnostics.Stopwatch]::StartNew()
New-BenchSeed $StaffCount $seed
$seedSeconds = $watch.Elapsed.TotalSeconds
$watch.Restart()
$emulator = Start-TitanHstEmulator -SeedPath $seed
$startSeconds = $watch.Elapsed.TotalSeconds
try {
    $emulator | Connect-TitanHst -RequestsPerSecond 0
    Start-Sleep -Milliseconds 1100   # past the second the seed was loaded in: TitanHST's Date header has whole seconds
    $kept = Join-Path $work 'kept.jsonl'
    $full = Update-TitanHstSnapshot -Path $kept -Full -Overlap 0 -Confirm:$false

    $every = [int][math]::Round(1 / $ChurnShare)
    $ids = [Collections.Generic.List[string]]::new()
    $n = 0
    foreach ($line in [IO.File]::ReadLines($kept)) {
        if ($n++ % $every -eq 1 -and $line -match '^\{"id":"([^"]+)"') { $ids.Add($Matches[1]) }
    }
    $watch.Restart()
    Invoke-Churn $emulator.BaseUri $ids.ToArray()
    $churnSeconds = $watch.Elapsed.TotalSeconds
    Copy-Item $kept "$kept.before"; Copy-Item "$kept.seal" "$kept.before.seal"

    $refreshes = [ordered]@{}
    $hashes = @{}
    foreach ($vendor in @(@{ name = 'indexed'; window = $IndexedWindow }, @{ name = 'scanWindow'; window = 0 })) {
        Copy-Item "$kept.before" $kept -Force; Copy-Item "$kept.before.seal" "$kept.seal" -Force
        Invoke-BenchEmulator $emulator.BaseUri Put '_emulator/config' @{ listScanWindow = $vendor.window } | Out-Null
        $refresh = Update-TitanHstSnapshot -Path $kept -Overlap 0 -Confirm:$false
        if ("$($refresh.Made)" -ne 'Incremental') { throw "The refresh was a full read: $($refresh.Reason)" }
        $refreshes[$vendor.name] = $refresh
        $hashes[$vendor.name] = Get-RecordSection $kept
    }

    # The refreshed records must be exactly what a full read gives now.
    $fresh = Join-Path $work 'fresh.jsonl'
    Get-TitanHstStaff -IncludeInactive -PageSize 1000 -OutFile $fresh
    $freshHash = Get-RecordSection $fresh
    $same = $hashes['indexed'] -eq $freshHash -and $hashes['scanWindow'] -eq $freshHash
    if (-not $same) { throw 'The refreshed snapshot differs from a full read.' }
    Disconnect-TitanHst
}
finally {
    $emulator | Stop-TitanHstEmulator -Confirm:$false
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

$indexed = $refreshes['indexed']
$scanning = $refreshes['scanWindow']
$result = [ordered]@{
    at                   = (Get-Date).ToUniversalTime().ToString('o')
    machine              = Get-BenchMachine
    staffCount           = $StaffCount
    churned              = $ids.Count
    seedSeconds          = [math]::Round($seedSeconds, 1)
    emulatorStartSeconds = [math]::Round($startSeconds, 1)
    churnSeconds         = [math]::Round($churnSeconds, 1)
    fullPages            = $full.PagesRead
    fullSeconds          = [math]::Round($full.Elapsed.TotalSeconds, 2)
    refreshPages         = $indexed.PagesRead
    refreshSeconds       = [math]::Round($indexed.Elapsed.TotalSeconds, 2)
    refreshRead          = $indexed.Changed
    pagesShare           = [math]::Round($indexed.PagesRead / $full.PagesRead, 4)
    scanWindowPages      = $scanning.PagesRead
    scanWindowSeconds    = [math]::Round($scanning.Elapsed.TotalSeconds, 2)
    scanWindowPagesShare = [math]::Round($scanning.PagesRead / $full.PagesRead, 4)
    sameAsFullRead       = $same
}
$result | ConvertTo-Json | Set-Content -Path (Join-Path $OutDirectory 'target-reads.json') -Encoding utf8
[pscustomobject]$result
