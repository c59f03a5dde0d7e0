#Requires -Version 7.2
<#
.SYNOPSIS
    Lists the core library's methods that a diff calls often enough to be recompiled (tier 1) but that are not marked
    [MethodImpl(Hot.Path)], so they ran unoptimized through most of the first call of a session.

.DESCRIPTION
    Runs the engine's diff (bench harness, 3 rounds) with the JIT's summary on (DOTNET_JitDisasmSummary, written to a
    file by DOTNET_JitStdOutFile) and reads which of our methods were compiled at tier 1: the runtime does that only
    for a method called at least 30 times, i.e. once per export row, snapshot line, person or change. A method marked
    Hot.Path is compiled optimized on its first call and never appears there, so what this lists is what is left to
    mark. Methods under 20 bytes of IL (accessors, one-line helpers) are left out: their callers inline them.
    Decision and measurements: docs/benchmarks.md, "Round 12: the first call".

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/bench/Find-UnmarkedHotMethods.ps1 -ContractPath out/bench/district-100000-seed1/contract.jsonc -SnapshotPath out/bench/district-100000-seed1/titanhst-snapshot.jsonl
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ContractPath,
    [Parameter(Mandatory)] [string] $SnapshotPath,
    [string] $BenchPath = (Join-Path $PSScriptRoot '../../bench/Aether.TitanHst.Bench/bin/Release/net10.0/Aether.TitanHst.Bench.dll'),
    [ValidateRange(1, 100000)] [int] $MinimumIlBytes = 20
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

if (-not (Test-Path -LiteralPath $BenchPath)) { throw "The bench harness is not built at '$BenchPath': run build.ps1 -Task Build first." }
$summary = [IO.Path]::GetTempFileName()
try {
    $env:DOTNET_JitDisasmSummary = '1'
    $env:DOTNET_JitStdOutFile = $summary
    & dotnet $BenchPath diff $ContractPath $SnapshotPath 3 | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "The bench harness failed (exit code $LASTEXITCODE)." }
}
finally {
    Remove-Item Env:DOTNET_JitDisasmSummary, Env:DOTNET_JitStdOutFile -ErrorAction SilentlyContinue
}

try {
    $pattern = 'JIT compiled (?<type>Aether\.TitanHst\.(?!Bench)[^\[ ]*?):(?<method>[^(]+)\(.*?\[(?<tier>[^,\]]+).*?IL size=(?<il>\d+)'
    $seen = @{}
    foreach ($line in [IO.File]::ReadLines($summary)) {
        $m = [regex]::Match($line, $pattern)
        if (-not $m.Success) { continue }
        $tier = $m.Groups['tier'].Value
        $method = $m.Groups['method'].Value
        $type = $m.Groups['type'].Value
        $il = [int]$m.Groups['il'].Value
        if ($tier -notmatch 'Tier1' -or $tier -match 'OSR' -or $il -lt $MinimumIlBytes) { continue }
        if ($type -match '<' -or $method -match '<' -or $method -match '^(\.ctor|get_|set_|op_)') { continue }
        $key = "${type}:$method"
        if ($seen.ContainsKey($key)) { continue }
        $seen[$key] = $true
        [pscustomobject]@{ Type = $type; Method = $method; ILBytes = $il }
    }
}
finally {
    Remove-Item -LiteralPath $summary -ErrorAction SilentlyContinue
}
