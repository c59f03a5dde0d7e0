#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks Aether.TitanHst.

.DESCRIPTION
    Build  assembles an importable module at out/Aether.TitanHst/ (cmdlet assembly in the root, the engine and
           its dependencies under dependencies/, never System.Management.Automation.dll).
    Test   finds (or on Debian/Ubuntu as root installs) the headless browser the report test needs, builds, runs
           every xUnit project and every Pester suite, and ends with one line "N passed, N failed".
    Demo   builds and runs the sample district end to end (tools/Demo.ps1).
    Bench  builds and runs the benchmarks (bench/), printing one table of every measure beside its goal and
           appending each row to out/bench/results.jsonl (docs/benchmarks.md). -Quick: the 100k rows only, under 2 min.
    Soak   builds and applies 5,000 changes to the emulator with 10% injected faults and 10 kill -9/resume cycles
           (tools/Soak.ps1), then checks the end state, duplicates, the audit log; figures in out/soak/soak.json.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Soak', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench: staff counts to measure (default 100k and 1M).
    [int[]] $BenchStaffCount = @(100000, 1000000),

    # Bench: only the 100k rows (diff, first call and warm, contract cmdlets; the baseline ratio at 10k), in under
    # 2 minutes; skips 1M and the emulator runs (client throughput, apply rate).
    [switch] $Quick,

    # Soak: changes to apply, and kill -9/resume cycles.
    [int] $SoakChanges = 5000,
    [int] $SoakKills = 10,

    # Test: run only the Pester suites (skip xUnit), for quick iteration.
    [switch] $PesterOnly,

    # Test: run only the xUnit projects (skip Pester).
    [switch] $XunitOnly,

    # Test: only these Pester files (paths under tests/pester), for quick iteration.
    [string[]] $PesterPath,

    # Test: a dotnet test --filter expression for the xUnit projects, for quick iteration.
    [string] $XunitFilter,

    # Test: skip the build (the module in out/ is current).
    [switch] $NoBuild
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'Aether.TitanHst'

function Invoke-Native {
    param([string] $FilePath, [string[]] $Arguments)
    Write-Host "> $FilePath $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-ProjectVersion {
    $props = [xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))
    ($props.Project.PropertyGroup | Where-Object { $_['Version'] } | Select-Object -First 1).Version
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = (& dotnet nuget locals global-packages --list) -join "`n"
    if ($line -match 'global-packages:\s*(.+)$') { return $Matches[1].Trim() }
    Join-Path $HOME '.nuget/packages'
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'Aether.TitanHst.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    $publish = Join-Path $out 'publish/module'
    if (Test-Path $publish) { Remove-Item -Recurse -Force $publish }
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/Aether.TitanHst.PowerShell'), '-c', $Configuration, '--no-build', '-o', $publish, '--nologo', '-v', 'quiet')

    if (Test-Path $moduleOut) { Remove-Item -Recurse -Force $moduleOut }
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $moduleOut 'dependencies')

    # Root: only the cmdlet assembly (see ModuleAssemblyResolver) and what PowerShell reads directly.
    Copy-Item (Join-Path $publish 'Aether.TitanHst.PowerShell.dll') $moduleOut
    Copy-Item (Join-Path $publish 'Aether.TitanHst.PowerShell.pdb') $moduleOut -ErrorAction SilentlyContinue
    Get-ChildItem $publish -File |
        Where-Object { $_.Extension -in '.dll', '.pdb' -and $_.BaseName -ne 'Aether.TitanHst.PowerShell' } |
        Copy-Item -Destination $dependencies
    if (Get-ChildItem $moduleOut -Recurse -Filter 'System.Management.Automation.dll') {
        throw 'System.Management.Automation.dll must never ship with the module.'
    }

    Copy-Item -Recurse -Force (Join-Path $root 'module/Aether.TitanHst/*') $moduleOut
    $manifest = Join-Path $moduleOut 'Aether.TitanHst.psd1'
    $version = Get-ProjectVersion
    (Get-Content -Raw $manifest) -replace "ModuleVersion\s*=\s*'0\.0\.0'", "ModuleVersion        = '$version'" |
        Set-Content -NoNewline -Encoding utf8 $manifest

    # Get-Help: MAML from docs/help/*.md (syntax and parameter facts from the built cmdlets) and the about_ topics.
    & (Join-Path $root 'tools/Build-Help.ps1') -ModuleOut $moduleOut -Root $root

    $emulatorProject = Join-Path $root 'src/Aether.TitanHst.Emulator'
    if (Test-Path $emulatorProject) {
        $emulatorOut = Join-Path $out 'emulator'
        Invoke-Native dotnet @('publish', $emulatorProject, '-c', $Configuration, '--no-build', '-o', $emulatorOut, '--nologo', '-v', 'quiet')
    }
    Write-Host "Module assembled at $moduleOut (version $version)." -ForegroundColor Green
}

function Read-TrxCounts([string] $Path) {
    $trx = [xml](Get-Content -Raw $Path)
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted }
}

function Invoke-Test {
    if (-not $XunitOnly) {
        # Before anything runs: the report test needs a headless browser (found, installed on Debian/Ubuntu as root,
        # or a one-line stop naming the package to install).
        $env:AETHER_TITANHST_TEST_BROWSER = & (Join-Path $root 'tools/Install-TestPrerequisites.ps1')
        Write-Host "Headless browser for the report test: $env:AETHER_TITANHST_TEST_BROWSER" -ForegroundColor DarkGray
    }
    if (-not $NoBuild) { Invoke-Build }
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    New-Item -ItemType Directory -Force $results | Out-Null
    $passed = 0; $failed = 0; $problems = [System.Collections.Generic.List[string]]::new()
    # Every test that reads TitanHST data writes access entries; they go here, never to the user's own audit log.
    $env:AETHER_TITANHST_AUDIT = Join-Path $out 'test-audit'
    $env:AETHER_TITANHST_RUNS = Join-Path $out 'test-runs'
    $env:AETHER_TITANHST_KEYS = Join-Path $out 'test-keys'
    foreach ($folder in $env:AETHER_TITANHST_AUDIT, $env:AETHER_TITANHST_RUNS, $env:AETHER_TITANHST_KEYS) { if (Test-Path $folder) { Remove-Item -Recurse -Force $folder } }

    if (-not $PesterOnly) {
        $testProjects = Get-ChildItem (Join-Path $root 'tests') -Recurse -Filter '*.Tests.csproj'
        foreach ($project in $testProjects) {
            $trxName = "$($project.BaseName).trx"
            Write-Host "> dotnet test $($project.Name)" -ForegroundColor DarkGray
            $filterArgs = if ($XunitFilter) { @('--filter', $XunitFilter) } else { @() }
            & dotnet test $project.FullName -c $Configuration --no-build --nologo --results-directory $results --logger "trx;LogFileName=$trxName" --logger 'console;verbosity=normal' @filterArgs
            $exit = $LASTEXITCODE
            $trxPath = Join-Path $results $trxName
            if (Test-Path $trxPath) {
                $counts = Read-TrxCounts $trxPath
                $passed += $counts.Passed; $failed += $counts.Failed
                if ($exit -ne 0 -and $counts.Failed -eq 0) { $failed++; $problems.Add("$($project.Name) exited $exit") }
            }
            else {
                $failed++; $problems.Add("$($project.Name) produced no results (exit $exit)")
            }
        }
    }

    if (-not $XunitOnly) {
        Invoke-Native dotnet @('restore', (Join-Path $root 'tools/Pester.Restore'), '--nologo', '-v', 'quiet')
        $pesterManifest = Join-Path (Get-NuGetPackageRoot) 'pester/5.7.1/tools/Pester.psd1'
        Import-Module $pesterManifest -Force
        $config = New-PesterConfiguration
        $config.Run.Path = if ($PesterPath) { @($PesterPath | ForEach-Object { $_ -split ',' } | ForEach-Object { (Resolve-Path $_).Path }) } else { Join-Path $root 'tests/pester' }
        $config.Run.PassThru = $true
        $config.Run.Exit = $false
        $config.Output.Verbosity = 'Detailed'
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputPath = Join-Path $results 'pester.xml'
        # Error text with colour codes is not valid in the XML report.
        if ($PSVersionTable.PSVersion.Major -ge 7) { $PSStyle.OutputRendering = 'PlainText' }
        $pester = Invoke-Pester -Configuration $config
        if (-not $pester) { throw 'Pester returned no result.' }
        $passed += $pester.PassedCount
        $failed += $pester.FailedCount + $pester.FailedBlocksCount + $pester.FailedContainersCount
        if ($pester.FailedContainersCount -gt 0) { $problems.Add("$($pester.FailedContainersCount) Pester container(s) failed to run") }
    }

    foreach ($p in $problems) { Write-Host "problem: $p" -ForegroundColor Red }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or ($passed -eq 0)) { exit 1 }
}

switch ($Task) {
    'Clean' { Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' {
        Invoke-Build
        $demo = { & (Join-Path $root 'tools/Demo.ps1') -ModulePath (Join-Path $moduleOut 'Aether.TitanHst.psd1') }
        # Sent to a file or a pipe, PowerShell lays tables out for 80 columns and breaks words across lines; a log
        # has room for whole lines. In a terminal the tables fit its width, as usual.
        if ([Console]::IsOutputRedirected) { & $demo | Out-String -Stream -Width 160 } else { & $demo }
    }
    'Soak' {
        if (-not $NoBuild) { Invoke-Build }
        $work = Join-Path $out 'soak'
        if (Test-Path $work) { Remove-Item -Recurse -Force $work }
        $result = & (Join-Path $root 'tools/Soak.ps1') -ModulePath (Join-Path $moduleOut 'Aether.TitanHst.psd1') -WorkPath $work `
            -Changes $SoakChanges -Kills $SoakKills -FaultRate 0.1 -ReportPath (Join-Path $work 'soak.json')
        $result | Format-List | Out-Host
        if (-not $result.Passed) { exit 1 }
    }
    'Bench' {
        Invoke-Build
        $env:AETHER_TITANHST_AUDIT = Join-Path $out 'bench/audit'
        $env:AETHER_TITANHST_RUNS = Join-Path $out 'bench/runs'
        $benchArgs = @{ Root = $root; Configuration = $Configuration; StaffCount = $BenchStaffCount; Quick = $Quick }
        if ($Quick -and -not $PSBoundParameters.ContainsKey('BenchStaffCount')) { $benchArgs.StaffCount = @(100000) }
        & (Join-Path $root 'tools/Bench.ps1') @benchArgs
    }
}
