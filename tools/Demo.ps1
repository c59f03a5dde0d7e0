<#
.SYNOPSIS
    The main job on the sample district, end to end against the bundled TitanHST emulator: contract check,
    extract + normalize, diff, review, plan, apply, validate, report, audit. Run by `dotnet pwsh ./build.ps1 -Task Demo`.
.DESCRIPTION
    Everything it writes lands under out/demo/. It starts the TitanHST emulator seeded with "yesterday's" state and
    always stops it before it returns, so nothing is left running.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $StaffCount = 500,
    [int] $Seed = 42,
    # Where the demo writes; the Pester test that runs the same path uses its own folder.
    [string] $OutPath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'out/demo')
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$demoOut = $OutPath
$started = Get-Date

# Plain text when the output goes to a file or a pipe (a CI log, `> demo.log`): no colour escape codes in it.
# (PSStyle read through Get-Variable: Windows PowerShell 5.1 has no such variable, and writes no escape codes anyway.)
if ($PSVersionTable.PSVersion.Major -ge 7 -and [Console]::IsOutputRedirected) { (Get-Variable -Name PSStyle -ValueOnly).OutputRendering = 'PlainText' }

function Write-Step([string] $Text) { Write-Host ''; Write-Host "== $Text" -ForegroundColor Cyan }

# The demo's own files hold names and emails: owner-only, as the module keeps its own (Security/PrivateFiles: folders
# 0700, files 0600). On Windows (and Windows PowerShell 5.1) a new file inherits its folder's ACL (docs/security.md).
function Protect-DemoPath([string] $Path, [switch] $Folder) {
    if ($PSVersionTable.PSVersion.Major -lt 7 -or [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT) { return }
    $mode = if ($Folder) { 'UserRead, UserWrite, UserExecute' } else { 'UserRead, UserWrite' }
    [System.IO.File]::SetUnixFileMode($Path, [System.IO.UnixFileMode]$mode)
}

Import-Module $ModulePath -Force
if (Test-Path $demoOut) { Remove-Item -Recurse -Force $demoOut }
New-Item -ItemType Directory -Force $demoOut | Out-Null
Protect-DemoPath $demoOut -Folder
# The demo's audit log and run journals stay with the demo, never in the user's own folders.
$env:AETHER_TITANHST_AUDIT = Join-Path $demoOut 'audit'
$env:AETHER_TITANHST_RUNS = Join-Path $demoOut 'runs'

Write-Step "1. A synthetic district: Aeries and HR exports, mapping tables, a contract ($StaffCount staff, seed $Seed)"
$district = New-TitanHstSampleDistrict -Path (Join-Path $demoOut 'district') -StaffCount $StaffCount -Seed $Seed -Force
$district | Format-List Path, ContractPath, StaffCount, Seed

Write-Step '2. The mapping contract'
$contract = Import-MappingContract -Path $district.ContractPath
$contract | Format-Table -AutoSize
Publish-MappingContract -Contract $contract -Reason 'First reviewed contract for the sample district' -Confirm:$false | Format-Table -AutoSize

Write-Step '3. Test-MappingContract against the exports'
$checks = Test-MappingContract -Contract $contract
$checks | Format-Table -AutoSize -Wrap
$errors = @($checks | Where-Object Severity -eq 'Error')
if ($errors.Count -gt 0) { throw "The sample contract has $($errors.Count) error(s); the demo stops here." }

Write-Step '4. Import-TitanHstSource: canonical staff records (first 5, then counts by site and role)'
# The sample plants one person whose HR rows claim two primary positions: an error for that person (a Conflict in the diff), not a stop.
$records = @(Import-TitanHstSource -Contract $contract -WarningVariable sourceWarnings -WarningAction SilentlyContinue -ErrorVariable sourceErrors -ErrorAction SilentlyContinue)
$sourceErrors | ForEach-Object { Write-Host "Held back: $($_.Exception.Message)" -ForegroundColor Yellow }
# Only what shows the normalization at work: the demo does not need anyone's e-mail or phone on the console.
$records | Select-Object -First 5 | Format-Table ExternalId, firstName, lastName, title, siteCode, roleCode -AutoSize
Write-Host "$($records.Count) in-scope staff records; $($sourceWarnings.Count) rows left out by policy (see warnings in $demoOut/source-warnings.txt)"
$sourceWarnings | ForEach-Object { "$_" } | Set-Content (Join-Path $demoOut 'source-warnings.txt')
Protect-DemoPath (Join-Path $demoOut 'source-warnings.txt')
Write-Host 'Staff with several positions (one HR row per position; siteCode/roleCode mirror the primary, marked *):'
$records | Where-Object { $_.assignments -match ';' } | Format-Table ExternalId, siteCode, roleCode, assignments -AutoSize -Wrap
$records | Group-Object siteCode | Sort-Object Name | Format-Table @{ n = 'Site'; e = { $_.Name } }, Count -AutoSize
$records | Group-Object roleCode | Sort-Object Name | Format-Table @{ n = 'Role'; e = { $_.Name } }, Count -AutoSize
$canonicalCsv = Join-Path $demoOut 'canonical-staff.csv'
$records | Export-Csv -NoTypeInformation -Path $canonicalCsv
Protect-DemoPath $canonicalCsv

$emulator = $null
try {
    Write-Step "5. TitanHST (the bundled emulator, seeded with yesterday's state)"
    $emulator = Start-TitanHstEmulator -SeedPath (Join-Path $district.Path 'titanhst-seed.json')
    Write-Host "Emulator listening at $($emulator.BaseUri)"
    Connect-TitanHst -BaseUri $emulator.BaseUri -Credential $emulator.Credential -PassThru | Format-List BaseUri, ClientId, ApiVersion, SchemaVersion, ConnectedAt
    $roles = Get-TitanHstReference -Kind Role
    $sites = Get-TitanHstReference -Kind Site
    Write-Host "TitanHST knows $(@($roles).Count) roles and $(@($sites).Count) sites; the mapping tables are checked against them:"
    Test-MappingContract -Contract $contract | Where-Object Rule -eq 'MappingTargetsExist' | Format-Table -AutoSize -Wrap
    $snapshot = Join-Path $demoOut 'titanhst-before.jsonl'
    Get-TitanHstStaff -IncludeInactive -OutFile $snapshot

    Write-Step '6. Get-TitanHstDiff: what would change, and why'
    $diff = @(Get-TitanHstDiff -Contract $contract)
    # The module's review table, with e-mail and phone values left out: the demo's log shows that they change, not
    # the addresses (the review sheet and Out-GridView show them to the person who approves).
    $diff | Format-Table @{ n = 'Action'; e = { if ($_.Blocked) { "$($_.Action)!" } elseif ($_.HeldBack) { "($($_.Action))" } else { $_.Action } } },
        ExternalId, DisplayName, Site, Role, @{ n = 'Risk'; e = { if ($_.Risk -eq 'None') { '' } else { $_.Risk } } },
        @{ n = 'Changes'; e = {
                if (-not $_.Changes) { $_.Explanation }
                else { ($_.GetFieldChanges() | ForEach-Object { if ($_.Field -in 'email', 'phone') { "$($_.Field) changed" } else { "$_" } }) -join '; ' } } } -AutoSize
    $diff | Measure-TitanHstDiff | Format-List Create, Update, Deactivate, Reactivate, Delete, Conflict, Blocked, BlockReasons
    Write-Host 'One change in detail:'
    $diff | Where-Object { $_.Action -eq 'Update' -and -not ($_.GetFieldChanges().Field -match '^(email|phone)$') } | Select-Object -First 1 | Format-List
    Write-Host 'A split-site teacher who gained a school: a SiteChange, the assignment change in words:'
    $multi = $diff | Where-Object { $_.Risk -match 'SiteChange' -and $_.Changes -match 'assignments: \+' } | Select-Object -First 1
    $multi | Format-List ExternalId, DisplayName, Risk, Changes, Explanation
    $diffCsv = Join-Path $demoOut 'diff.csv'
    $diff | Export-Csv -NoTypeInformation -Path $diffCsv
    Protect-DemoPath $diffCsv

    Write-Step '7. Review: the blocked role change waits for an approval; the rest is saved as a plan'
    $diff | Where-Object { $_.Blocked -or $_.Action -eq 'Conflict' } | Format-List Action, ExternalId, BlockReason, Explanation
    $planPath = Join-Path $demoOut 'plan.json'
    $plan = $diff | Where-Object { -not $_.Blocked } | Export-TitanHstPlan -Path $planPath
    $plan | Format-List PlanId, ChangeCount, Hash

    Write-Step '8. Invoke-TitanHstApply: the reviewed plan, journaled and audited'
    $applied = @(Invoke-TitanHstApply -PlanPath $planPath -Contract $contract -Confirm:$false)
    $applied | Select-Object -SkipLast 1 | Group-Object Outcome, Action | Sort-Object Name | Format-Table Count, Name -AutoSize
    $run = $applied[-1]
    $run | Format-List

    Write-Step '9. Test-TitanHstSync: re-read TitanHST, re-diff, counts by site and role, a seeded spot check'
    $validation = Test-TitanHstSync -Contract $contract -Seed 42 -WarningAction SilentlyContinue
    $validation | Format-List
    if (-not $validation.Passed) { throw 'Validation failed after the apply.' }
    if ($multi) {
        Write-Host "The split-site teacher in TitanHST after the apply (counted at both sites above):"
        Get-TitanHstStaff -ExternalId $multi.ExternalId | Format-List ExternalId, siteCode, roleCode, assignments
    }

    Write-Step '10. The stakeholder report and the audit log'
    $reportPath = Join-Path $demoOut 'report.html'
    Export-TitanHstReport -Run $run.RunId -Path $reportPath -Contract $contract -Validation $validation -Confirm:$false | Out-Null
    Export-TitanHstReport -Run $run.RunId -Path ($reportPath -replace '\.html$', '.md') -Format Markdown -Contract $contract -Validation $validation -Confirm:$false | Out-Null
    $audit = Test-TitanHstAuditLog -Summary
    Write-Host "Audit log at $($audit.Folder): $($audit.EntriesChecked) entries, chain verified: $($audit.Passed)"
    Get-TitanHstAuditLog -RunId $run.RunId | Select-Object -First 6 | Format-Table -AutoSize
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
    TargetSnapshot    = $snapshot
    DiffCsv           = $diffCsv
    Plan              = $planPath
    RunJournal        = $run.Folder
    AuditLog          = $audit.Folder
    Report            = $reportPath
    Duration          = '{0:n1} s' -f ((Get-Date) - $started).TotalSeconds
} | Format-List
