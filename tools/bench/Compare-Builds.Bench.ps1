#Requires -Version 7.2
<#
.SYNOPSIS
    Compares two builds of the module by the diff's seconds, in alternated pairs of new pwsh sessions: the way to
    tell a change's effect on a host whose speed drifts from one minute to the next (docs/benchmarks-history.md, round 18).

.DESCRIPTION
    Each pair runs tools/bench/DiffCalls.Bench.ps1 once with each build, each in a new pwsh session, the order
    swapped every other pair (baseline first, then candidate first) so a host slowing down or speeding up through
    the run favours neither build. Per pair and build: the first call (import excluded), the settled seconds (the
    mean of the last three calls, or of all of them when there are fewer than three) and the session's peak working
    set. Writes one object per pair, then a summary: in how many pairs the candidate was faster, and its median
    ratio to the baseline. A faster build wins nearly every pair however the host drifts; a difference within the
    host's noise wins about half.

    The builds are two module folders, for example the repository's out/Aether.TitanHst and a worktree of the commit
    before, each assembled with build.ps1 -Task Build:
    git worktree add ../before HEAD~1; dotnet pwsh ../before/build.ps1 -Task Build

.EXAMPLE
    dotnet pwsh ./tools/bench/Compare-Builds.Bench.ps1 -BaselineModulePath ../before/out/Aether.TitanHst/Aether.TitanHst.psd1 -ContractPath out/bench/district-100000-seed1/contract.jsonc -SnapshotPath out/bench/district-100000-seed1/titanhst-snapshot.jsonl -Pairs 4

    Four pairs at 100k, seven calls a session: the commit before against this checkout's build.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $BaselineModulePath,
    [string] $CandidateModulePath = (Join-Path $PSScriptRoot '../../out/Aether.TitanHst/Aether.TitanHst.psd1'),
    [Parameter(Mandatory)] [string] $ContractPath,
    [Parameter(Mandatory)] [string] $SnapshotPath,
    [ValidateRange(1, 50)] [int] $Pairs = 4,
    [ValidateRange(1, 100)] [int] $Calls = 7
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

foreach ($path in $BaselineModulePath, $CandidateModulePath, $ContractPath, $SnapshotPath) {
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { throw "Compare-Builds: '$path' does not exist." }
}

$diffCalls = Join-Path $PSScriptRoot 'DiffCalls.Bench.ps1'
function Measure-Build([string] $ModulePath) {
    $arguments = "-ModulePath '$($ModulePath -replace "'", "''")' -ContractPath '$($ContractPath -replace "'", "''")' -SnapshotPath '$($SnapshotPath -replace "'", "''")' -Calls $Calls"
    $command = "& '$($diffCalls -replace "'", "''")' $arguments | ConvertTo-Json -Compress"
    # A new session of this very pwsh: `dotnet pwsh.dll` when it runs as the local tool, else the pwsh executable.
    $output = if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') {
        & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $command
    }
    else {
        & ([Environment]::ProcessPath) -NoProfile -NonInteractive -Command $command
    }
    if ($LASTEXITCODE -ne 0) { throw "Compare-Builds: the diff failed with $ModulePath (exit $LASTEXITCODE)." }
    $run = @($output)[-1] | ConvertFrom-Json
    $seconds = @($run.seconds)
    $settled = $seconds | Select-Object -Last ([math]::Min(3, $seconds.Count))
    [pscustomobject]@{
        First   = [double] $seconds[0]
        Settled = [math]::Round(($settled | Measure-Object -Average).Average, 3)
        PeakMiB = [double] $run.peakWorkingSetMiB
    }
}

$results = foreach ($pair in 1..$Pairs) {
    # Baseline first in odd pairs, candidate first in even ones: a drifting host favours neither.
    if ($pair % 2 -eq 1) {
        $baseline = Measure-Build $BaselineModulePath
        $candidate = Measure-Build $CandidateModulePath
    }
    else {
        $candidate = Measure-Build $CandidateModulePath
        $baseline = Measure-Build $BaselineModulePath
    }

    $row = [pscustomobject][ordered]@{
        Pair             = $pair
        BaselineFirst    = $baseline.First
        CandidateFirst   = $candidate.First
        BaselineSettled  = $baseline.Settled
        CandidateSettled = $candidate.Settled
        BaselinePeakMiB  = $baseline.PeakMiB
        CandidatePeakMiB = $candidate.PeakMiB
    }
    Write-Host ("pair {0}: first {1} -> {2} s, settled {3} -> {4} s, peak {5} -> {6} MiB" -f $pair, $row.BaselineFirst, $row.CandidateFirst, $row.BaselineSettled, $row.CandidateSettled, $row.BaselinePeakMiB, $row.CandidatePeakMiB)
    $row
}

# The median of the candidate's ratios to the baseline, over the pairs whose baseline is above zero (DiffCalls rounds
# to hundredths: a tiny district's settled call can read 0).
function Get-MedianRatio([string] $Candidate, [string] $Baseline) {
    [double[]] $ratios = @($results | Where-Object { $_.$Baseline -gt 0 } | ForEach-Object { $_.$Candidate / $_.$Baseline })
    if ($ratios.Count -eq 0) { return $null }
    [math]::Round((Get-Median $ratios), 3)
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2 -eq 1) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

$results
[pscustomobject][ordered]@{
    Pairs                  = $Pairs
    CandidateFasterFirst   = @($results | Where-Object { $_.CandidateFirst -lt $_.BaselineFirst }).Count
    CandidateFasterSettled = @($results | Where-Object { $_.CandidateSettled -lt $_.BaselineSettled }).Count
    MedianFirstRatio       = Get-MedianRatio CandidateFirst BaselineFirst
    MedianSettledRatio     = Get-MedianRatio CandidateSettled BaselineSettled
    MedianPeakRatio        = Get-MedianRatio CandidatePeakMiB BaselinePeakMiB
}
