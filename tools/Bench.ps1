<#
.SYNOPSIS
    Runs the benchmarks: extract + normalize, and the full diff against a target snapshot, for each staff count
    (default 100k and 1M); then the client's throughput and rate fidelity against the emulator.
.DESCRIPTION
    Generates each sample district once (cached under out/bench/, keyed by count and seed), then measures in a
    fresh process so peak memory belongs to the measurement alone. Results: console table and out/bench/results.jsonl.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [int[]] $StaffCount = @(100000, 1000000),
    [int] $Seed = 1
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module (Join-Path $Root 'out/Aether.TitanHst/Aether.TitanHst.psd1') -Force
$benchOut = Join-Path $Root 'out/bench'
New-Item -ItemType Directory -Force $benchOut | Out-Null
$bench = Join-Path $Root "bench/Aether.TitanHst.Bench/bin/$Configuration/net10.0/Aether.TitanHst.Bench.dll"
$resultsFile = Join-Path $benchOut 'results.jsonl'
$results = foreach ($count in $StaffCount) {
    # Regenerated every run (seconds, even at 1M) so a changed generator or contract never meets a stale district.
    $district = Join-Path $benchOut "district-$count-seed$Seed"
    $contract = Join-Path $district 'contract.jsonc'
    $snapshot = Join-Path $district 'titanhst-snapshot.jsonl'
    Write-Host "Generating a sample district of $count staff..."
    $generateSeconds = [math]::Round((Measure-Command {
        New-TitanHstSampleDistrict -Path $district -StaffCount $count -Seed $Seed -Force | Out-Null
    }).TotalSeconds, 1)
    & dotnet $bench seed-to-snapshot (Join-Path $district 'titanhst-seed.json') $snapshot
    if ($LASTEXITCODE -ne 0) { throw "Could not turn the seed into a snapshot for $count staff." }

    foreach ($measure in @(@('extract', $contract), @('diff', $contract, $snapshot))) {
        Write-Host "Measuring $($measure[0]) for $count staff..."
        $line = & dotnet $bench @measure
        if ($LASTEXITCODE -ne 0) { throw "The $($measure[0]) benchmark failed for $count staff." }
        $result = $line | ConvertFrom-Json
        $result | Add-Member staffCount $count
        $result | Add-Member generateSeconds $generateSeconds
        $result | Add-Member machine "$([Environment]::ProcessorCount) cores, $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription)"
        $result | ConvertTo-Json -Compress | Add-Content $resultsFile
        $result
    }
}
$results | Where-Object benchmark -eq extract | Format-List staffCount, people, sourceRows, records, seconds, recordsPerSecond, rowsPerSecond, peakWorkingSetMiB, allocatedMiB, generateSeconds
$results | Where-Object benchmark -eq diff | Format-List staffCount, targetRecords, sourceRecords, changes, create, update, deactivate, conflict, noChange, blocked, seconds, peoplePerSecond, peakWorkingSetMiB, allocatedMiB

# The client: Get-TitanHstStaff throughput and rate-limit fidelity against the emulator (tools/bench/Client.Bench.ps1).
& (Join-Path $PSScriptRoot 'bench/Client.Bench.ps1') -StaffCount 100000

# The apply rate against the emulator's rate limit, clean and with 5% faults (tools/bench/ApplyRate.Bench.ps1).
& (Join-Path $PSScriptRoot 'bench/ApplyRate.Bench.ps1') -StaffCount 600
