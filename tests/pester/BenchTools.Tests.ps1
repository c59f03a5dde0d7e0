BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:compare = Join-Path (Get-RepoRoot) 'tools/bench/Compare-Builds.Bench.ps1'
    $script:unmarked = Join-Path (Get-RepoRoot) 'tools/bench/Find-UnmarkedHotMethods.ps1'
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

Describe 'Find-UnmarkedHotMethods.ps1' {
    BeforeAll {
        # Lines as the runtime's JIT summary writes them (DOTNET_JitDisasmSummary=1), from a 100k diff of round 19.
        $script:summary = Join-Path $TestDrive 'jit-summary.txt'
        @(
            ' 1067: JIT compiled Aether.TitanHst.Target.Utf8StringPool:Get(System.ReadOnlySpan`1[byte],bool) [Tier0, IL size=71, code size=225]'
            ' 1709: JIT compiled Aether.TitanHst.Target.Utf8StringPool:Get(System.ReadOnlySpan`1[byte],bool) [Instrumented Tier0, IL size=71, code size=285]'
            ' 2101: JIT compiled Aether.TitanHst.Target.Utf8StringPool:Get(System.ReadOnlySpan`1[byte],bool) [Tier1 with Synthesized PGO, IL size=71, code size=987]'
            ' 2102: JIT compiled Aether.TitanHst.Diff.DiffEngine+<>c__DisplayClass7_0:<Compute>g__Consider|5(Aether.TitanHst.Canonical.ExtractItem) [Tier1 with Synthesized PGO, IL size=931, code size=3830]'
            ' 2103: JIT compiled Aether.TitanHst.Canonical.StaffExtractor+<Extract>d__43:MoveNext() [Tier1 with Synthesized PGO, IL size=1404, code size=2954]'
            ' 2104: JIT compiled Aether.TitanHst.ChunkedColumn`1[long]:Add(long) [Tier1 with Dynamic PGO, IL size=71, code size=112]'
            ' 2105: JIT compiled Aether.TitanHst.ChunkedColumn`1[int]:Add(int) [Tier1 with Dynamic PGO, IL size=71, code size=112]'
            ' 2106: JIT compiled Aether.TitanHst.Canonical.CanonicalStaffRecord:.ctor(System.String,Aether.TitanHst.Canonical.FieldSchema,System.String[],System.Collections.Generic.IReadOnlyList`1[Aether.TitanHst.Canonical.SourceRowReference]) [Tier1, IL size=63, code size=255]'
            ' 2107: JIT compiled Aether.TitanHst.Target.TargetStaffRecord:get_Id() [Tier1, IL size=7, code size=5]'
            ' 2108: JIT compiled Aether.TitanHst.Canonical.RecordBuilder:Resolve(int,System.String,System.Nullable`1[Aether.TitanHst.Canonical.SourceRow][],System.Collections.Generic.List`1[Aether.TitanHst.Canonical.ExtractIssue]) [FullOpts, IL size=260, code size=1200]'
            ' 2109: JIT compiled Aether.TitanHst.Target.TargetSnapshotReader:ReadTable(System.Action) [Tier1-OSR @0x16 with Synthesized PGO, IL size=300, code size=900]'
            ' 2110: JIT compiled Aether.TitanHst.Bench.DiffBenchmark:Run(System.String,System.String,int) [Tier1, IL size=500, code size=900]'
            ' 2111: JIT compiled System.Collections.Generic.Dictionary`2[System.__Canon,int]:FindValue(System.__Canon) [Tier1 with Dynamic PGO, IL size=400, code size=500]'
        ) | Set-Content -LiteralPath $summary
        $script:found = @(& $unmarked -SummaryPath $summary)
    }

    It 'lists a method whose parameters hold brackets of their own (a span, a generic list), once' {
        # Round 12's pattern read the first bracket, [byte], as the tier and never listed these.
        @($found | Where-Object { $_.Type -eq 'Aether.TitanHst.Target.Utf8StringPool' -and $_.Method -eq 'Get' }).Count | Should -Be 1
        ($found | Where-Object Method -eq '.ctor').Kind | Should -Be 'constructor'
    }

    It 'names local functions and iterators by the method written in the source' {
        $consider = $found | Where-Object Method -eq 'Consider'
        $consider.Type | Should -Be 'Aether.TitanHst.Diff.DiffEngine'
        $consider.Kind | Should -Be 'local function of Compute'
        ($found | Where-Object Method -eq 'Extract').Kind | Should -BeLike 'iterator*'
        # A generic type's instantiations are one method of the source.
        @($found | Where-Object { $_.Type -eq 'Aether.TitanHst.ChunkedColumn`1' }).Count | Should -Be 1
    }

    It 'leaves out what is already optimized, on-stack replacement, one-line members, the harness and the framework' {
        $found.Method | Should -Not -Contain 'Resolve'
        $found.Method | Should -Not -Contain 'ReadTable'
        $found.Method | Should -Not -Contain 'get_Id'
        $found.Type | Should -Not -BeLike '*Bench*'
        $found.Type | Should -Not -BeLike 'System.*'
        $found.Count | Should -Be 5
    }

    It 'refuses a summary file that does not exist, naming it' {
        $missing = Join-Path $TestDrive 'no-such-summary.txt'
        { & $unmarked -SummaryPath $missing } | Should -Throw "*$missing*does not exist*"
    }
}
