<#
.SYNOPSIS
    The main job on the sample district: contract check, extract + normalize, and a look at TitanHST through
    the emulator. Run by `dotnet pwsh ./build.ps1 -Task Demo`.
.DESCRIPTION
    Everything it writes lands under out/demo/. It starts the TitanHST emulator seeded with "yesterday's" state and
    always stops it before it returns, so nothing is left running.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $StaffCount = 500,
    [int] $Seed = 42
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$demoOut = Join-Path $root 'out/demo'
$started = Get-Date

function Write-Step([string] $Text) { Write-Host ''; Write-Host "== $Text" -ForegroundColor Cyan }

Import-Module $ModulePath -Force
if (Test-Path $demoOut) { Remove-Item -Recurse -Force $demoOut }
New-Item -ItemType Directory -Force $demoOut | Out-Null

Write-Step "1. A synthetic district: Aeries and HR exports, mapping tables, a contract ($StaffCount staff, seed $Seed)"
$district = New-TitanHstSampleDistrict -Path (Join-Path $demoOut 'district') -StaffCount $StaffCount -Seed $Seed -Force
$district | Format-List Path, ContractPath, StaffCount, Seed

Write-Step '2. The mapping contract'
$contract = Import-MappingContract -Path $district.ContractPath
$contract | Format-Table -AutoSize
Publish-MappingContract -Contract $contract -Confirm:$false | Format-Table -AutoSize

Write-Step '3. Test-MappingContract against the exports'
$checks = Test-MappingContract -Contract $contract
$checks | Format-Table -AutoSize -Wrap
$errors = @($checks | Where-Object Severity -eq 'Error')
if ($errors.Count -gt 0) { throw "The sample contract has $($errors.Count) error(s); the demo stops here." }

Write-Step '4. Import-TitanHstSource: canonical staff records (first 5, then counts by site and role)'
$records = @(Import-TitanHstSource -Contract $contract -WarningVariable sourceWarnings -WarningAction SilentlyContinue)
$records | Select-Object -First 5 | Format-Table -AutoSize
Write-Host "$($records.Count) in-scope staff records; $($sourceWarnings.Count) rows left out by policy (see warnings in $demoOut/source-warnings.txt)"
$sourceWarnings | ForEach-Object { "$_" } | Set-Content (Join-Path $demoOut 'source-warnings.txt')
$records | Group-Object siteCode | Sort-Object Name | Format-Table @{ n = 'Site'; e = { $_.Name } }, Count -AutoSize
$records | Group-Object roleCode | Sort-Object Name | Format-Table @{ n = 'Role'; e = { $_.Name } }, Count -AutoSize
$canonicalCsv = Join-Path $demoOut 'canonical-staff.csv'
$records | Export-Csv -NoTypeInformation -Path $canonicalCsv

$emulator = $null
try {
    Write-Step "5. TitanHST (the bundled emulator, seeded with yesterday's state)"
    $emulator = Start-TitanHstEmulator -SeedPath (Join-Path $district.Path 'titanhst-seed.json')
    Write-Host "Emulator listening at $($emulator.BaseUri)"
    Connect-TitanHst -BaseUri $emulator.BaseUri -Credential $emulator.Credential -PassThru | Format-List BaseUri, ClientId, ApiVersion, SchemaVersion, ConnectedAt

    $roles = Get-TitanHstReference -Kind Role
    $sites = Get-TitanHstReference -Kind Site
    Write-Host "TitanHST knows $(@($roles).Count) roles and $(@($sites).Count) sites."
    $targetChecks = Test-MappingContract -Contract $contract -TargetRoleCode $roles.Code -TargetSiteCode $sites.Code | Where-Object Rule -eq 'MappingTargetsExist'
    $targetChecks | Format-Table -AutoSize -Wrap

    $snapshot = Join-Path $demoOut 'titanhst-snapshot.jsonl'
    Get-TitanHstStaff -IncludeInactive -OutFile $snapshot
    $target = @(Get-TitanHstStaff -IncludeInactive)
    Write-Host "TitanHST holds $($target.Count) staff records ($(@($target | Where-Object Active).Count) active); snapshot saved."
    $target | Select-Object -First 5 | Format-Table -AutoSize
    Disconnect-TitanHst
}
finally {
    if ($emulator) { $emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Write-Step 'Where everything is'
[pscustomobject]@{
    District          = $district.Path
    Contract          = $district.ContractPath
    ContractVersions  = Join-Path $district.Path 'contract.versions.json'
    CanonicalStaffCsv = $canonicalCsv
    TargetSnapshot    = Join-Path $demoOut 'titanhst-snapshot.jsonl'
    Duration          = '{0:n1} s' -f ((Get-Date) - $started).TotalSeconds
} | Format-List
