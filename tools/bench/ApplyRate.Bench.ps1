#Requires -Version 7.2
<#
.SYNOPSIS
    Measures the apply rate against the emulator's rate limit: clean, and with injected faults (every kind).

.DESCRIPTION
    A sample district of -StaffCount people against an empty TitanHST (the sample's reference data, no staff), so
    the diff is one create per person; Invoke-TitanHstApply runs it with -ThrottleLimit workers against an emulator
    limited to -RateLimit requests/second (burst one second's worth). Four runs: the client's own limit set to the
    vendor's rate, and the client unlimited (following only the vendor's RateLimit headers); each clean and with
    -FaultRate faults. Reported per run: writes/s and API requests/s as a share of the limit, the 429s the
    emulator's limiter gave (must be 0: "never over"), and the injected 429 faults (the only 429s allowed).
    Prints a table and writes out/bench/apply-rate.json.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./tools/bench/ApplyRate.Bench.ps1 -StaffCount 400 -RateLimit 20
#>
[CmdletBinding()]
param(
    [int] $StaffCount = 400,
    [double] $RateLimit = 20,
    [double] $FaultRate = 0.05,
    [int] $ThrottleLimit = 4,
    [int] $Seed = 7,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Aether.TitanHst/Aether.TitanHst.psd1'),
    [string] $OutDirectory = (Join-Path $PSScriptRoot '../../out/bench')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot 'BenchEmulator.psm1') -Force
New-Item -ItemType Directory -Force $OutDirectory | Out-Null
$work = New-BenchWorkFolder 'titanhst-apply-bench'

$district = New-TitanHstSampleDistrict -Path (Join-Path $work 'district') -StaffCount $StaffCount -Seed $Seed -Force
$contract = Import-MappingContract -Path $district.ContractPath
# The sample's TitanHST with its roles and sites but nobody in it: every person becomes one create (one POST).
$seedState = Get-Content -Raw (Join-Path $district.Path 'titanhst-seed.json') | ConvertFrom-Json
$seedState.staff = @()
$emptySeed = Join-Path $work 'empty-seed.json'
$seedState | ConvertTo-Json -Depth 6 | Set-Content -Path $emptySeed -Encoding utf8

$rows = [System.Collections.Generic.List[object]]::new()
$emulator = Start-TitanHstEmulator -SeedPath $emptySeed -RateLimit $RateLimit
try {
    foreach ($run in @(
            @{ name = 'client at vendor rate, clean'; client = $RateLimit; faults = 0 },
            @{ name = "client at vendor rate, $($FaultRate * 100)% faults"; client = $RateLimit; faults = $FaultRate },
            @{ name = 'client unlimited (headers only), clean'; client = 0; faults = 0 },
            @{ name = "client unlimited (headers only), $($FaultRate * 100)% faults"; client = 0; faults = $FaultRate })) {
        Invoke-BenchEmulator $emulator.BaseUri Put '_emulator/config' @{ faultRate = 0; rateLimit = $RateLimit } | Out-Null
        Invoke-BenchEmulator $emulator.BaseUri Post '_emulator/reset' $null | Out-Null
        $connection = Connect-TitanHst -BaseUri $emulator.BaseUri -Credential $emulator.Credential -RequestsPerSecond $run.client -MaxRetries 10 -PassThru
        $diff = @(Get-TitanHstDiff -Contract $contract -WarningAction SilentlyContinue | Where-Object Action -eq 'Create')
        Start-Sleep -Seconds 2   # the limiter's bucket refills after the diff's reads
        Invoke-BenchEmulator $emulator.BaseUri Put '_emulator/config' @{ faultRate = $run.faults; faultSeed = $Seed; rateLimit = $RateLimit } | Out-Null
        Clear-BenchEmulatorStats $emulator.BaseUri
        $before = $connection.Statistics
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $outcomes = @($diff | Invoke-TitanHstApply -Override -Reason 'apply-rate benchmark' -AllowRoleChange -ThrottleLimit $ThrottleLimit -Confirm:$false -WarningAction SilentlyContinue)
        $watch.Stop()
        $after = $connection.Statistics
        $stats = Get-BenchEmulatorStats $emulator.BaseUri
        $seconds = $watch.Elapsed.TotalSeconds
        $succeeded = @($outcomes | Where-Object { $_.PSObject.Properties['Outcome'] -and "$($_.Outcome)" -eq 'Succeeded' }).Count
        $apiRequests = @($stats.recent | Where-Object { $_.path -like '/api/*' }).Count
        $injected429 = if ($stats.faults.PSObject.Properties['429']) { [int]$stats.faults.'429' } else { 0 }
        $rows.Add([pscustomobject][ordered]@{
                run                  = $run.name
                creates              = $diff.Count
                succeeded            = $succeeded
                seconds              = [math]::Round($seconds, 2)
                writesPerSecond      = [math]::Round($succeeded / $seconds, 2)
                writesShareOfLimit   = [math]::Round($succeeded / $seconds / $RateLimit, 3)
                requestsPerSecond    = [math]::Round($apiRequests / $seconds, 2)
                requestsShareOfLimit = [math]::Round($apiRequests / $seconds / $RateLimit, 3)
                limiter429           = [int]$stats.rateLimited
                injected429          = $injected429
                faults               = ($stats.faults.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ' '
                client429Seen        = $after.RateLimitedResponses - $before.RateLimitedResponses
            })
        Disconnect-TitanHst
    }
}
finally {
    $emulator | Stop-TitanHstEmulator -Confirm:$false
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

$result = [ordered]@{
    at         = (Get-Date).ToUniversalTime().ToString('o')
    machine    = Get-BenchMachine
    rateLimit  = $RateLimit
    faultRate  = $FaultRate
    staffCount = $StaffCount
    workers    = $ThrottleLimit
    runs       = $rows
}
$result | ConvertTo-Json -Depth 4 | Set-Content -Path (Join-Path $OutDirectory 'apply-rate.json') -Encoding utf8
$rows | Format-Table run, creates, succeeded, seconds, writesPerSecond, writesShareOfLimit, requestsShareOfLimit, limiter429, injected429 -AutoSize
