#Requires -Version 7.2
<#
.SYNOPSIS
    Measures the full diff in-process, as an operator runs it: the FIRST call in a new pwsh session (module import
    included, then the diff alone) and WARM (the second call in the same session); then Test-MappingContract and,
    when the module has it, Compare-MappingContract: with -EditedContractPath (a realistic edit) and with itself.

.DESCRIPTION
    Run by tools/Bench.ps1 in a fresh `pwsh -NoProfile` process so "first call" really is cold and the peak working
    set belongs to this session alone. GC figures are deltas over each call from the runtime's own counters
    (allocated bytes, collections per generation, total GC pause), because dotnet-counters is not on the machine.
    Writes one object with every figure.

.EXAMPLE
    dotnet pwsh ./tools/bench/DiffSession.Bench.ps1 -ContractPath out/bench/district-100000-seed1/contract.jsonc -SnapshotPath out/bench/district-100000-seed1/titanhst-snapshot.jsonl -EditedContractPath out/bench/district-100000-seed1.edited-contract.jsonc
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ContractPath,
    [Parameter(Mandatory)] [string] $SnapshotPath,
    # A realistic edit of the contract (tools/bench/New-EditedContract.ps1): Compare-MappingContract's row compares the
    # contract with it; the self-comparison (unrealistically cheap once anything is shared) is a second figure.
    [string] $EditedContractPath,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Aether.TitanHst/Aether.TitanHst.psd1')
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The session's minor page faults so far (Linux: /proc/self/stat's tenth field, the eighth after the name), or $null.
function Get-MinorFaults {
    if (-not (Test-Path -LiteralPath '/proc/self/stat')) { return $null }
    $stat = Get-Content -LiteralPath '/proc/self/stat' -Raw
    [long](($stat.Substring($stat.LastIndexOf(')') + 2) -split ' ')[7])
}

# One measured call: seconds, allocated bytes, GC collections and pause time over the call.
function Measure-Call([scriptblock] $Call) {
    $gen0 = [GC]::CollectionCount(0); $gen1 = [GC]::CollectionCount(1); $gen2 = [GC]::CollectionCount(2)
    $pause = [GC]::GetTotalPauseDuration()
    $allocated = [GC]::GetTotalAllocatedBytes($false)
    $kernel = [Diagnostics.Process]::GetCurrentProcess().PrivilegedProcessorTime
    $faults = Get-MinorFaults
    $jit = [System.Runtime.JitInfo]::GetCompilationTime($false)
    $jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $output = & $Call
    $watch.Stop()
    $faultsAfter = Get-MinorFaults
    $pauseSeconds = ([GC]::GetTotalPauseDuration() - $pause).TotalSeconds
    [pscustomobject][ordered]@{
        seconds       = [math]::Round($watch.Elapsed.TotalSeconds, 3)
        allocatedMiB  = [math]::Round(([GC]::GetTotalAllocatedBytes($false) - $allocated) / 1MB, 1)
        gcCount       = "$([GC]::CollectionCount(0) - $gen0)/$([GC]::CollectionCount(1) - $gen1)/$([GC]::CollectionCount(2) - $gen2)"
        gcPauseShare  = if ($watch.Elapsed.TotalSeconds -gt 0) { [math]::Round($pauseSeconds / $watch.Elapsed.TotalSeconds, 3) } else { 0 }
        # CPU time in the kernel over the call (both cores): mostly first touches of memory the heap grows into.
        kernelSeconds = [math]::Round(([Diagnostics.Process]::GetCurrentProcess().PrivilegedProcessorTime - $kernel).TotalSeconds, 2)
        # Pages the call touched for the first time (Linux only): the host charges each (round 24: ~11 us here).
        newPages      = if ($null -ne $faults) { $faultsAfter - $faults } else { $null }
        # What the JIT compiled over the call, on every thread (round 24: the second call's tier-up).
        jitSeconds    = [math]::Round(([System.Runtime.JitInfo]::GetCompilationTime($false) - $jit).TotalSeconds, 3)
        jitMethods    = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitMethods
        output        = $output
    }
}

$diff = { Get-TitanHstDiff -Contract $ContractPath -TargetSnapshot $SnapshotPath -Summary -WarningAction SilentlyContinue }
$import = Measure-Call { Import-Module $ModulePath -Force }
$first = Measure-Call $diff
$warm = Measure-Call $diff
$summary = $warm.output | Select-Object -Last 1
$test = Measure-Call { Test-MappingContract -Contract $ContractPath -WarningAction SilentlyContinue 3>$null 6>$null | Out-Null }
$compare = $null
$compareSelf = $null
if (Get-Command Compare-MappingContract -Module Aether.TitanHst -ErrorAction SilentlyContinue) {
    if ($EditedContractPath) {
        # The edit against the same snapshot, as an operator previews one: both contracts' extractions and diffs,
        # and the people the edit affects reported.
        $compare = Measure-Call { Compare-MappingContract -Reference $ContractPath -Difference $EditedContractPath -TargetSnapshot $SnapshotPath -Summary -WarningAction SilentlyContinue | Out-Null }
    }
    # Compared with itself: nothing to report.
    $compareSelf = Measure-Call { Compare-MappingContract -Reference $ContractPath -Difference $ContractPath -TargetSnapshot $SnapshotPath -Summary -WarningAction SilentlyContinue | Out-Null }
}

$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
[pscustomobject][ordered]@{
    benchmark              = 'diff-session'
    importSeconds          = $import.seconds
    firstCallSeconds       = [math]::Round($import.seconds + $first.seconds, 3)
    firstDiffSeconds       = $first.seconds
    warmSeconds            = $warm.seconds
    warmAllocatedMiB       = $warm.allocatedMiB
    warmGcCount            = $warm.gcCount
    warmGcPauseShare       = $warm.gcPauseShare
    warmKernelSeconds      = $warm.kernelSeconds
    warmNewPages           = $warm.newPages
    firstNewPages          = $first.newPages
    warmJitSeconds         = $warm.jitSeconds
    warmJitMethods         = $warm.jitMethods
    firstJitSeconds        = $first.jitSeconds
    firstJitMethods        = $first.jitMethods
    firstAllocatedMiB      = $first.allocatedMiB
    firstGcPauseShare      = $first.gcPauseShare
    peakWorkingSetMiB      = [math]::Round($peak / 1MB)
    testContractSeconds    = $test.seconds
    compareContractSeconds = if ($compare) { $compare.seconds } else { $null }
    compareContractAllocatedMiB = if ($compare) { $compare.allocatedMiB } else { $null }
    compareContractKernelSeconds = if ($compare) { $compare.kernelSeconds } else { $null }
    compareContractGcPauseShare = if ($compare) { $compare.gcPauseShare } else { $null }
    compareSelfSeconds     = if ($compareSelf) { $compareSelf.seconds } else { $null }
    compareContractNote    = if ($compare) { $null } elseif ($compareSelf) { 'no edited contract given: only the self-comparison was measured' } else { 'Compare-MappingContract is not in this module build (branch contract); skipped' }
    create                 = $summary.Create
    update                 = $summary.Update
    deactivate             = $summary.Deactivate
    conflict               = $summary.Conflict
    noChange               = $summary.NoChange
    sourceRecords          = $summary.SourceRecords
    targetRecords          = $summary.TargetRecords
}
