#Requires -Version 7.2
<#
.SYNOPSIS
    Measures the TitanHST client against the emulator: listing throughput and rate-limit fit.

.DESCRIPTION
    1. Throughput: Get-TitanHstStaff over -StaffCount emulator records (no rate limits), to the pipeline and to a
       snapshot file (-OutFile), in records per second.
    2. Rate fit: the emulator limits to -ServerRate requests/second (burst = one second's worth); the client sends
       -Requests calls with its own limit of -ClientRate, then with none. Reports the achieved rate and the 429s.
    Prints a table and writes out/bench/client.json.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./tools/bench/Client.Bench.ps1 -StaffCount 100000
#>
[CmdletBinding()]
param(
    [int] $StaffCount = 100000,
    [double] $ServerRate = 20,
    [double] $ClientRate = 20,
    [int] $Requests = 200,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Aether.TitanHst/Aether.TitanHst.psd1'),
    [string] $OutDirectory = (Join-Path $PSScriptRoot '../../out/bench')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot 'BenchEmulator.psm1') -Force
New-Item -ItemType Directory -Force $OutDirectory | Out-Null
$work = New-BenchWorkFolder 'titanhst-bench'

$results = [ordered]@{ staffCount = $StaffCount; machine = Get-BenchMachine }
$seed = Join-Path $work 'seed.json'
New-BenchSeed $StaffCount $seed

# 1. Throughput, no limits on either side.
$emulator = Start-TitanHstEmulator -SeedPath $seed
try {
    $connection = $emulator | Connect-TitanHst -RequestsPerSecond 0 -PassThru
    $null = Get-TitanHstStaff -PageSize 1000 | Select-Object -First 1000   # warm-up
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $count = (Get-TitanHstStaff -PageSize 1000 | Measure-Object).Count
    $watch.Stop()
    $results.pipelineRecords = $count
    $results.pipelineSeconds = [math]::Round($watch.Elapsed.TotalSeconds, 2)
    $results.pipelineRecordsPerSecond = [math]::Round($count / $watch.Elapsed.TotalSeconds)

    $snapshot = Join-Path $work 'target.jsonl'
    $watch.Restart()
    Get-TitanHstStaff -PageSize 1000 -OutFile $snapshot
    $watch.Stop()
    $results.snapshotSeconds = [math]::Round($watch.Elapsed.TotalSeconds, 2)
    $results.snapshotRecordsPerSecond = [math]::Round($StaffCount / $watch.Elapsed.TotalSeconds)
    $results.snapshotMegabytes = [math]::Round((Get-Item $snapshot).Length / 1MB, 1)
    Disconnect-TitanHst
}
finally { $emulator | Stop-TitanHstEmulator -Confirm:$false }

# 2. Rate fit: the emulator allows ServerRate/s; the client sends Requests calls with and without its own limit.
$emulator = Start-TitanHstEmulator -RateLimit $ServerRate
try {
    foreach ($case in @(@{ name = 'clientLimited'; rate = $ClientRate }, @{ name = 'clientUnlimited'; rate = 0 })) {
        Clear-BenchEmulatorStats $emulator.BaseUri
        Start-Sleep -Seconds 2   # let the server bucket refill
        $connection = $emulator | Connect-TitanHst -RequestsPerSecond $case.rate -MaxRetries 10 -PassThru
        $before = $connection.Statistics
        $watch = [Diagnostics.Stopwatch]::StartNew()
        for ($i = 0; $i -lt $Requests; $i++) { $null = Get-TitanHstReference -Kind Role }
        $watch.Stop()
        $after = $connection.Statistics
        $server = Get-BenchEmulatorStats $emulator.BaseUri
        $results[$case.name] = [ordered]@{
            clientRequestsPerSecond = $case.rate
            serverRequestsPerSecond = $ServerRate
            calls                   = $Requests
            seconds                 = [math]::Round($watch.Elapsed.TotalSeconds, 2)
            achievedCallsPerSecond  = [math]::Round($Requests / $watch.Elapsed.TotalSeconds, 2)
            attempts                = $after.Attempts - $before.Attempts
            responses429            = $after.RateLimitedResponses - $before.RateLimitedResponses
            serverRateLimited       = $server.rateLimited
            retryWaitSeconds        = [math]::Round(($after.RetryDelay - $before.RetryDelay).TotalSeconds, 2)
            throttleWaitSeconds     = [math]::Round(($after.ThrottleWait - $before.ThrottleWait).TotalSeconds, 2)
        }
        Disconnect-TitanHst
    }
}
finally {
    $emulator | Stop-TitanHstEmulator -Confirm:$false
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

$json = $results | ConvertTo-Json -Depth 4
Set-Content -Path (Join-Path $OutDirectory 'client.json') -Value $json -Encoding utf8
$json
