#Requires -Version 7.2
<#
.SYNOPSIS
    Soak: applies a large plan against the emulator with injected faults and repeated kill -9 / resume cycles, then
    checks that nothing was lost or done twice.

.DESCRIPTION
    1. Generates a sample district and an emulator seeded with its TitanHST side; diffs it and saves the first
       -Changes applicable changes as a plan.
    2. Turns on -FaultRate faults of every kind the emulator has (429, 500, 502, 503, slow, drop).
    3. Applies the plan in a child PowerShell and kills it (Process.Kill, SIGKILL on Unix) at a random point, -Kills
       times, resuming after each kill; then resumes until nothing is pending.
    4. Checks: every change of the plan is in TitanHST as planned; no externalId twice; every change has exactly one
       final outcome in the audit log (Succeeded or Skipped; Failed ones were retried); the audit log verifies.

    Writes one result object (and, with -ReportPath, a JSON copy). Used by build.ps1 -Task Soak (5,000 changes,
    10 kills) and by tests/pester/Soak.Tests.ps1 (a few hundred changes, 3 kills).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $WorkPath,
    [int] $Changes = 5000,
    [double] $FaultRate = 0.1,
    [int] $Kills = 10,
    [int] $Seed = 9,
    [int] $ThrottleLimit = 4,
    [string] $ReportPath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$random = [Random]::new($Seed)
$script:structuredSkipped = 0
$clock = [Diagnostics.Stopwatch]::StartNew()
New-Item -ItemType Directory -Force $WorkPath | Out-Null
$savedEnvironment = @{}
foreach ($name in 'AETHER_TITANHST_RUNS', 'AETHER_TITANHST_AUDIT', 'AETHER_TITANHST_KEYS', 'AETHER_TITANHST_LOCKS') { $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
$env:AETHER_TITANHST_RUNS = Join-Path $WorkPath 'runs'
$env:AETHER_TITANHST_AUDIT = Join-Path $WorkPath 'audit'
if (-not $env:AETHER_TITANHST_KEYS) { $env:AETHER_TITANHST_KEYS = Join-Path $WorkPath 'keys' }
if (-not $env:AETHER_TITANHST_LOCKS) { $env:AETHER_TITANHST_LOCKS = Join-Path $WorkPath 'locks' }

function Start-Child([string] $Script, [string] $Secret) {
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    $info = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded) { $info.ArgumentList.Add($a) }
    $info.Environment['SOAK_SECRET'] = $Secret
    $info.UseShellExecute = $false
    $info.RedirectStandardError = $true
    $info.RedirectStandardOutput = $true
    [Diagnostics.Process]::Start($info)
}

# A field value as comparable text: structured values (assignments) in one canonical JSON form, others as text.
function ConvertTo-Comparable($Value) {
    function Sort-Json($node) {
        if ($node -is [System.Collections.IList]) { return , @($node | ForEach-Object { Sort-Json $_ }) }
        if ($node -is [pscustomobject]) {
            $sorted = [ordered]@{}
            foreach ($p in ($node.PSObject.Properties | Sort-Object Name)) { $sorted[$p.Name] = Sort-Json $p.Value }
            return $sorted
        }
        return $node
    }
    if ($null -eq $Value) { return '' }
    if ($Value -is [string] -or $Value -is [ValueType]) { return "$Value" }
    ConvertTo-Json -InputObject (Sort-Json $Value) -Compress -Depth 10
}

# Structured fields (assignments) are written in the client's wire form; the end-state check compares scalar fields
# only and counts the structured ones it left out (StructuredNotCompared).
function Test-Structured($Value) {
    $structured = $null -ne $Value -and -not ($Value -is [string] -or $Value -is [ValueType])
    if ($structured) { $script:structuredSkipped++ }
    $structured
}

function Get-OutcomeLines([string] $RunFolder) {
    $journal = Join-Path $RunFolder 'journal.jsonl'
    if (-not (Test-Path $journal)) { return 0 }
    @(Select-String -Path $journal -SimpleMatch '"phase":"outcome"').Count
}

# 1. The district, its TitanHST, and a plan of exactly -Changes applicable changes.
# The sample district yields about one applicable change per five staff.
$staff = [Math]::Max(200, [int]($Changes * 5.5))
do {
    $districtPath = Join-Path $WorkPath "district-$staff"
    $district = New-TitanHstSampleDistrict -Path $districtPath -StaffCount $staff -Seed $Seed -Force
    $contract = Import-MappingContract $district.ContractPath
    $emulator = Start-TitanHstEmulator -SeedPath (Join-Path $district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $emulator.BaseUri -Credential $emulator.Credential
    $applicable = @(Get-TitanHstDiff -Contract $contract -WarningAction SilentlyContinue | Where-Object { $_.Action -ne 'Conflict' -and -not $_.HeldBack })
    if ($applicable.Count -lt $Changes) {
        Disconnect-TitanHst
        $emulator | Stop-TitanHstEmulator -Confirm:$false
        $staff = [int]($staff * 1.5)
    }
} while ($applicable.Count -lt $Changes)

try {
    $selected = @($applicable | Select-Object -First $Changes)
    $planPath = Join-Path $WorkPath 'soak-plan.json'
    $plan = $selected | Export-TitanHstPlan -Path $planPath -Force
    $byAction = $selected | Group-Object Action | ForEach-Object { "$($_.Count) $($_.Name)" }
    Write-Host "Soak: $($selected.Count) changes ($($byAction -join ', ')) from $staff staff; faults $FaultRate; $Kills kills" -ForegroundColor Cyan

    # 2. Faults of every kind the emulator has, slow ones short enough to keep the soak moving.
    $faultKinds = '429', '500', '502', '503', 'slow', 'drop'
    $config = @{ faultRate = $FaultRate; faultMix = (($faultKinds | ForEach-Object { "$_=1" }) -join ','); faultSeed = $Seed; slowMs = 150 } | ConvertTo-Json
    Invoke-RestMethod -Method Put -Uri "$($emulator.BaseUri)_emulator/config" -ContentType 'application/json' -Body $config | Out-Null
    Invoke-RestMethod -Method Delete -Uri "$($emulator.BaseUri)_emulator/stats" | Out-Null

    # 3. Kill -9 at random points; resume after each.
    $secret = $emulator.Credential.GetNetworkCredential().Password
    $connect = @"
Import-Module '$ModulePath'
`$secret = ConvertTo-SecureString `$env:SOAK_SECRET -AsPlainText -Force
Connect-TitanHst -BaseUri '$($emulator.BaseUri)' -Credential ([pscredential]::new('$($emulator.Credential.UserName)', `$secret))
"@
    $runsRoot = $env:AETHER_TITANHST_RUNS
    $before = @(Get-ChildItem $runsRoot -Directory -ErrorAction SilentlyContinue | ForEach-Object Name)
    $runFolder = $null
    $killed = 0
    $killPoints = [Collections.Generic.List[int]]::new()
    $earlyExits = [Collections.Generic.List[string]]::new()
    for ($cycle = 0; $cycle -le $Kills; $cycle++) {
        $command = if ($null -eq $runFolder) {
            "Invoke-TitanHstApply -PlanPath '$planPath' -AllowRoleChange -AllowDelete -Override -Reason 'soak' -ThrottleLimit $ThrottleLimit -Confirm:`$false -WarningAction SilentlyContinue | Out-Null"
        }
        else {
            "Invoke-TitanHstApply -Resume '$(Split-Path -Leaf $runFolder)' -Confirm:`$false -WarningAction SilentlyContinue | Out-Null"
        }
        $child = Start-Child ($connect + "`n" + $command) $secret
        $null = $child.StandardOutput.ReadToEndAsync()
        $errors = $child.StandardError.ReadToEndAsync()
        if ($cycle -eq $Kills) {
            if (-not $child.WaitForExit(1800000)) { $child.Kill(); throw 'The final resume did not finish in 30 minutes.' }
            if ($child.ExitCode -ne 0) { $earlyExits.Add("final: $($errors.Result)") }
            break
        }

        # Kill after a random number of new outcomes: somewhere in the next stretch of the plan.
        $stretch = [Math]::Max(5, [int]($Changes / ($Kills + 1)))
        $wait = $random.Next([Math]::Max(1, [int]($stretch / 3)), $stretch + 1)
        $start = if ($runFolder) { Get-OutcomeLines $runFolder } else { 0 }
        $deadline = (Get-Date).AddMinutes(5)
        while (-not $child.HasExited -and (Get-Date) -lt $deadline) {
            Start-Sleep -Milliseconds 50
            if ($null -eq $runFolder) {
                $runFolder = Get-ChildItem $runsRoot -Directory -ErrorAction SilentlyContinue | Where-Object Name -notin $before | Select-Object -First 1 -ExpandProperty FullName
                continue
            }

            if ((Get-OutcomeLines $runFolder) - $start -ge $wait) { break }
        }

        if (-not $child.HasExited) {
            $child.Kill()
            $killed++
            $killPoints.Add((Get-OutcomeLines $runFolder))
        }
        $child.WaitForExit()
        if ($child.ExitCode -ne 0 -and $killPoints.Count -lt $cycle + 1) { $earlyExits.Add("cycle $($cycle): $($errors.Result)") }
        if ($null -eq $runFolder) { throw 'The first apply did not start a run.' }
    }

    # Anything that failed on retries is retried by further resumes, as an operator would.
    Invoke-RestMethod -Method Put -Uri "$($emulator.BaseUri)_emulator/config" -ContentType 'application/json' -Body (@{ faultRate = 0 } | ConvertTo-Json) | Out-Null
    $runId = Split-Path -Leaf $runFolder
    $extraResumes = 0
    while ((Get-TitanHstRun -RunId $runId).Pending -gt 0 -and $extraResumes -lt 3) {
        Invoke-TitanHstApply -Resume $runId -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        $extraResumes++
    }

    # 4. The checks.
    $summary = Get-TitanHstRun -RunId $runId
    $stats = Invoke-RestMethod -Uri "$($emulator.BaseUri)_emulator/stats"
    $export = Invoke-RestMethod -Uri "$($emulator.BaseUri)_emulator/export"
    $records = @{}
    $duplicates = @($export.staff | Where-Object externalId | Group-Object externalId | Where-Object Count -gt 1).Count
    foreach ($r in $export.staff) { if ($r.externalId) { $records[$r.externalId] = $r } }
    $wrong = [Collections.Generic.List[string]]::new()
    foreach ($change in $plan.Changes) {
        $record = $records[$change.ExternalId]
        $ok = switch ("$($change.Action)") {
            'Deactivate' { $null -ne $record -and -not $record.active }
            'Delete' { $null -eq $record }
            default {
                $null -ne $record -and $record.active -and
                @($change.GetDesiredFields().GetEnumerator() | Where-Object { -not (Test-Structured $record.($_.Key)) -and (ConvertTo-Comparable $record.($_.Key)) -ne (ConvertTo-Comparable $_.Value) }).Count -eq 0
            }
        }
        if (-not $ok) {
            # Field names only (never values: personal data).
            $fields = if ($null -eq $record) { 'no record' } else { (@($change.GetDesiredFields().GetEnumerator() | Where-Object { -not (Test-Structured $record.($_.Key)) -and (ConvertTo-Comparable $record.($_.Key)) -ne (ConvertTo-Comparable $_.Value) } | ForEach-Object Key) -join ',') }
            $wrong.Add("$($change.Action) $($change.ExternalId) [$fields]")
        }
    }

    $entries = @(Get-TitanHstAuditLog -RunId $runId)
    $final = @($entries | Where-Object { "$($_.Kind)" -eq 'Outcome' -and "$($_.Outcome)" -in 'Succeeded', 'Skipped', 'Stale' })
    $finalCount = @{}
    foreach ($entry in $final) { $finalCount[$entry.ExternalId] = 1 + [int]$finalCount[$entry.ExternalId] }
    $notOnce = @($plan.Changes | Where-Object { [int]$finalCount[$_.ExternalId] -ne 1 }).Count
    $auditOk = Test-TitanHstAuditLog -Quiet

    $result = [pscustomobject]@{
        Changes          = $plan.ChangeCount
        ByAction         = $byAction -join ', '
        FaultRate        = $FaultRate
        FaultsInjected   = ($stats.faults.PSObject.Properties | Measure-Object Value -Sum).Sum
        FaultsByKind     = ($stats.faults.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ', '
        Requests         = $stats.totalRequests
        Kills            = $killed
        KillPoints       = $killPoints -join ', '
        ExtraResumes     = $extraResumes
        EarlyExits       = @($earlyExits | ForEach-Object { if ($_.Length -gt 400) { $_.Substring(0, 400) } else { $_ } })
        Succeeded        = $summary.Succeeded
        Failed           = $summary.Failed
        Stale            = $summary.Stale
        Pending          = $summary.Pending
        NotAsPlanned     = $wrong.Count
        StructuredNotCompared = $script:structuredSkipped
        DuplicateIds     = $duplicates
        NotExactlyOnce   = $notOnce
        AuditVerifies    = $auditOk
        Seconds          = [Math]::Round($clock.Elapsed.TotalSeconds, 1)
        Passed           = $wrong.Count -eq 0 -and $duplicates -eq 0 -and $notOnce -eq 0 -and $auditOk -and $summary.Pending -eq 0 -and $killed -eq $Kills
        Examples         = @($wrong | Select-Object -First 5)
    }
    if ($ReportPath) { $result | ConvertTo-Json | Set-Content -Path $ReportPath -Encoding utf8 }
    $result
}
finally {
    Disconnect-TitanHst
    $emulator | Stop-TitanHstEmulator -Confirm:$false
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
}
