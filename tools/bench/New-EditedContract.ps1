#Requires -Version 7.2
<#
.SYNOPSIS
    Writes a realistic contract edit for the Compare-MappingContract benchmark: the district's contract with its
    version bumped and ONE field rule changed (title truncated at 24 characters instead of 128), next to the district.

.DESCRIPTION
    A contract compared with itself is an unrealistically cheap preview once anything is shared between the two
    halves; an operator previews an edit. The copy is written beside the district folder (never into it: the
    district may be a shared, read-only link), its export, mapping-table and schema paths rebased onto the
    district so both contracts read the same files. The edit changes the titles of the people whose title is longer
    than 24 characters (a few percent of a sample district), so the preview has differences to report. Writes the
    edited contract's path.

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/bench/New-EditedContract.ps1 -ContractPath out/bench/district-100000-seed1/contract.jsonc
#>
[CmdletBinding()]
[OutputType([string])]
param(
    [Parameter(Mandatory)] [string] $ContractPath,
    # Default: <district folder>.edited-contract.jsonc beside the district folder.
    [string] $OutPath
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$district = Split-Path -Parent (Resolve-Path -LiteralPath $ContractPath).ProviderPath
$districtName = Split-Path -Leaf $district
if (-not $OutPath) { $OutPath = Join-Path (Split-Path -Parent $district) "$districtName.edited-contract.jsonc" }
$outFolder = Split-Path -Parent ([IO.Path]::GetFullPath($OutPath))
$relative = [IO.Path]::GetRelativePath($outFolder, $district) -replace '\\', '/'

# One replacement that must match exactly once, so a changed generator fails here instead of benchmarking no edit.
function Edit-Once([string] $Text, [string] $Pattern, [scriptblock] $Replace, [string] $What) {
    $found = [regex]::Matches($Text, $Pattern).Count
    if ($found -ne 1) { throw "The district's contract has $found matches for $What (expected 1); update tools/bench/New-EditedContract.ps1." }
    [regex]::Replace($Text, $Pattern, { param($m) & $Replace $m })
}

$text = Get-Content -LiteralPath $ContractPath -Raw
$text = Edit-Once $text '"version":\s*"(\d+)\.(\d+)\.(\d+)"' { param($m) "`"version`": `"$($m.Groups[1].Value).$([int]$m.Groups[2].Value + 1).0`"" } 'the version'
$text = Edit-Once $text '"maxLength":\s*\{\s*"length":\s*128,\s*"truncate":\s*true\s*\}' { param($m) '"maxLength": { "length": 24, "truncate": true }' } "the title's maxLength"
# Paths are relative to the contract file: rebase them onto the district.
$text = [regex]::Replace($text, '"(path|\$schema)":\s*"(?:\./)?([^"/][^"]*)"', { param($m) "`"$($m.Groups[1].Value)`": `"$relative/$($m.Groups[2].Value)`"" })
Set-Content -LiteralPath $OutPath -Value $text -NoNewline -Encoding utf8NoBOM
[IO.Path]::GetFullPath($OutPath)
