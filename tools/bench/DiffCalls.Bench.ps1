#Requires -Version 7.2
<#
.SYNOPSIS
    Times several Get-TitanHstDiff -Summary calls in one new pwsh session, to show how a diff settles as the runtime
    tiers its code up (DiffSession.Bench.ps1's "warm" is only the second call), and the session's peak working set:
    with -Calls 1, the peak of a session that imports the module and runs one diff (the cmdlet's own peak, which
    DiffSession.Bench.ps1's session, holding two diffs and the contract cmdlets, does not show).

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/bench/DiffCalls.Bench.ps1 -ContractPath out/bench/district-100000-seed1/contract.jsonc -SnapshotPath out/bench/district-100000-seed1/titanhst-snapshot.jsonl
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ContractPath,
    [Parameter(Mandatory)] [string] $SnapshotPath,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Aether.TitanHst/Aether.TitanHst.psd1'),
    [ValidateRange(1, 100)] [int] $Calls = 7
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module $ModulePath -Force
$seconds = foreach ($call in 1..$Calls) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = Get-TitanHstDiff -Contract $ContractPath -TargetSnapshot $SnapshotPath -Summary -WarningAction SilentlyContinue
    [math]::Round($watch.Elapsed.TotalSeconds, 2)
}
[pscustomobject][ordered]@{
    benchmark         = 'diff-calls'
    seconds           = $seconds
    peakWorkingSetMiB = [math]::Round([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
}
