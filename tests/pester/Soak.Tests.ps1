# The soak in small: a few hundred changes, 10% faults of every kind, 3 kill -9/resume cycles (build.ps1 -Task Soak runs 5,000 and 10).
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'Soak (small)' {
    It 'applies every change exactly once through faults and kill -9/resume cycles' {
        $work = Join-Path $TestDrive 'soak'
        $result = & (Join-Path (Get-RepoRoot) 'tools/Soak.ps1') -ModulePath (Get-BuiltModulePath) -WorkPath $work -Changes 300 -Kills 3 -FaultRate 0.1 -Seed 4
        $result.Kills | Should -Be 3
        $result.FaultsInjected | Should -BeGreaterThan 0
        $result.NotAsPlanned | Should -Be 0 -Because "every change of the plan is in TitanHST ($($result.Examples -join '; '))"
        $result.DuplicateIds | Should -Be 0
        $result.NotExactlyOnce | Should -Be 0 -Because 'every change has exactly one final outcome in the audit log'
        $result.Pending | Should -Be 0
        $result.AuditVerifies | Should -BeTrue
        $result.Passed | Should -BeTrue
    }
}
