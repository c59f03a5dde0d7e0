BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:compare = Join-Path (Get-RepoRoot) 'tools/bench/Compare-Builds.Bench.ps1'
    # A small district and its "TitanHST yesterday" as a snapshot file, as the bench makes them.
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 300 -Seed 5
    $script:snapshot = Join-Path $district.Path 'titanhst-snapshot.jsonl'
    $bench = Join-Path (Get-RepoRoot) 'bench/Aether.TitanHst.Bench/bin/Release/net10.0/Aether.TitanHst.Bench.dll'
    & dotnet $bench seed-to-snapshot (Join-Path $district.Path 'titanhst-seed.json') $snapshot
    if ($LASTEXITCODE -ne 0) { throw 'The bench harness could not write the snapshot.' }
}

Describe 'Compare-Builds.Bench.ps1' {
    It 'runs each build once a pair, in new sessions, and says in how many pairs the candidate was faster' {
        $module = Get-BuiltModulePath
        $output = & $compare -BaselineModulePath $module -CandidateModulePath $module -ContractPath $district.ContractPath -SnapshotPath $snapshot -Pairs 2 -Calls 1 6>$null
        $pairs = @($output | Where-Object { $_.PSObject.Properties.Name -contains 'Pair' })
        $pairs.Pair | Should -Be 1, 2
        foreach ($pair in $pairs) {
            $pair.BaselineFirst | Should -BeGreaterThan 0
            $pair.CandidateFirst | Should -BeGreaterThan 0
            # One call a session: the settled figure is that call.
            $pair.BaselineSettled | Should -Be $pair.BaselineFirst
            $pair.CandidatePeakMiB | Should -BeGreaterThan 50
        }

        $summary = $output | Select-Object -Last 1
        $summary.Pairs | Should -Be 2
        $summary.CandidateFasterFirst | Should -BeIn 0, 1, 2
        $summary.CandidateFasterFirst | Should -Be @($pairs | Where-Object { $_.CandidateFirst -lt $_.BaselineFirst }).Count
        $summary.MedianPeakRatio | Should -BeGreaterThan 0
    }

    It 'refuses a build folder that does not exist, naming it' {
        $missing = Join-Path $TestDrive 'no-such-build/Aether.TitanHst.psd1'
        { & $compare -BaselineModulePath $missing -ContractPath $district.ContractPath -SnapshotPath $snapshot -Pairs 1 -Calls 1 } |
            Should -Throw "*$missing*does not exist*"
    }
}
