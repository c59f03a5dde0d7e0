#Requires -Version 7.2
<#
.SYNOPSIS
    Lists the core library's methods that a diff calls often enough to be recompiled (tier 1) but that are not marked
    [MethodImpl(Hot.Path)], so they ran unoptimized through most of the first call of a session.

.DESCRIPTION
    Runs the engine's diff (bench harness, six rounds) with the JIT's summary on (DOTNET_JitDisasmSummary, written to a
    file by DOTNET_JitStdOutFile) and reads which of our methods were compiled at tier 1: the runtime does that only
    for a method called at least 30 times, i.e. once per export row, snapshot line, person or change. A method marked
    Hot.Path is compiled optimized on its first call and never appears there, so what this lists is what is left to
    mark. Methods under 20 bytes of IL (accessors, one-line helpers) are left out: their callers inline them.
    Six rounds also bring per-diff methods (the contract's load, per field or table) to 30 calls: judge each by how
    often one diff calls it. Listed is not "worth marking": round 19 marked the 30 per-row methods this listed and the
    first two calls of a session were no faster (docs/benchmarks-history.md, "Round 19").
    Decision and measurements: docs/benchmarks-history.md, "Round 12: the first call".

.PARAMETER SummaryPath
    Reads a JIT summary already written (DOTNET_JitDisasmSummary=1 with DOTNET_JitStdOutFile) instead of running
    the harness.

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/bench/Find-UnmarkedHotMethods.ps1 -ContractPath out/bench/district-100000-seed1/contract.jsonc -SnapshotPath out/bench/district-100000-seed1/titanhst-snapshot.jsonl
#>
[CmdletBinding(DefaultParameterSetName = 'Run')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Run')] [string] $ContractPath,
    [Parameter(Mandatory, ParameterSetName = 'Run')] [string] $SnapshotPath,
    [Parameter(ParameterSetName = 'Run')]
    [string] $BenchPath = (Join-Path $PSScriptRoot '../../bench/Aether.TitanHst.Bench/bin/Release/net10.0/Aether.TitanHst.Bench.dll'),
    # Which methods reach tier 1 within a few rounds varies from run to run (the runtime's tiering delay): six rounds
    # list what three left out now and then.
    [Parameter(ParameterSetName = 'Run')] [ValidateRange(1, 50)] [int] $Rounds = 6,
    [Parameter(Mandatory, ParameterSetName = 'Summary')] [string] $SummaryPath,
    [ValidateRange(1, 100000)] [int] $MinimumIlBytes = 20
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# One line of the summary: "JIT compiled <type>:<method>(<parameters>) [<tier>, IL size=N, code size=M]". The tier
# is the last bracket: parameters hold brackets of their own (ReadOnlySpan`1[byte]), which round 12's pattern took
# for the tier, so a method taking a span or a generic list was never listed.
function ConvertFrom-JitSummaryLine {
    param([string] $Line, [int] $MinimumIlBytes)
    $m = [regex]::Match($Line, 'JIT compiled (?<type>Aether\.TitanHst\.(?!Bench)[^ :]*?):(?<method>[^:(]+)\(.*\) \[(?<tier>[^\[\]]+?), IL size=(?<il>\d+)')
    if (-not $m.Success) { return }
    $tier = $m.Groups['tier'].Value
    $il = [int]$m.Groups['il'].Value
    if ($tier -notmatch '^(Instrumented )?Tier1' -or $tier -match 'OSR' -or $il -lt $MinimumIlBytes) { return }
    # A generic type's instantiations are one method in the source.
    $type = $m.Groups['type'].Value -replace '\[.*$', ''
    $method = $m.Groups['method'].Value
    $kind = 'method'
    if ($type -match '\+<(?<outer>[^>]+)>d__\d+$') {
        # An iterator's MoveNext: it cannot be marked; the work done per item can move to a marked method.
        $method = $Matches['outer']
        $type = $type -replace '\+<[^>]+>d__\d+$', ''
        $kind = 'iterator (move its per-item work to a marked method)'
    }
    elseif ($method -match '^<(?<outer>[^>]+)>g__(?<name>[^|]+)\|') {
        $method = $Matches['name']
        $kind = "local function of $($Matches['outer'])"
        $type = $type -replace '\+<>c__DisplayClass[\d_]+$', ''
    }
    elseif ($method -match '^<(?<outer>[^>]+)>b__') {
        $method = $Matches['outer']
        $kind = 'lambda (move its work to a marked method)'
        $type = $type -replace '\+<>c(__DisplayClass[\d_]+)?$', ''
    }
    elseif ($method -eq '.ctor') {
        $kind = 'constructor'
    }

    [pscustomobject]@{ Type = $type; Method = $method; Kind = $kind; ILBytes = $il }
}

$summary = $SummaryPath
if ($PSCmdlet.ParameterSetName -eq 'Run') {
    if (-not (Test-Path -LiteralPath $BenchPath)) { throw "The bench harness is not built at '$BenchPath': run build.ps1 -Task Build first." }
    $summary = [IO.Path]::GetTempFileName()
    try {
        $env:DOTNET_JitDisasmSummary = '1'
        $env:DOTNET_JitStdOutFile = $summary
        & dotnet $BenchPath diff $ContractPath $SnapshotPath $Rounds | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "The bench harness failed (exit code $LASTEXITCODE)." }
    }
    finally {
        Remove-Item Env:DOTNET_JitDisasmSummary, Env:DOTNET_JitStdOutFile -ErrorAction SilentlyContinue
    }
}
elseif (-not (Test-Path -LiteralPath $SummaryPath -PathType Leaf)) {
    throw "Find-UnmarkedHotMethods: the JIT summary '$SummaryPath' does not exist."
}

try {
    $seen = @{}
    foreach ($line in [IO.File]::ReadLines($summary)) {
        $found = ConvertFrom-JitSummaryLine -Line $line -MinimumIlBytes $MinimumIlBytes
        if ($null -eq $found) { continue }
        $key = "$($found.Type):$($found.Method):$($found.Kind)"
        if ($seen.ContainsKey($key)) { continue }
        $seen[$key] = $true
        $found
    }
}
finally {
    if ($PSCmdlet.ParameterSetName -eq 'Run') { Remove-Item -LiteralPath $summary -ErrorAction SilentlyContinue }
}
