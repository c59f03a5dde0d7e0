#Requires -Modules Pester
# Get-TitanHstRun -RunId behaves as Get-Item does: a literal id that matches no run is a non-terminating
# RunNotFound error; a wildcard that matches nothing is silent.

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:runs = Join-Path $TestDrive 'runs'
    New-Item -ItemType Directory $script:runs | Out-Null
}

Describe 'Get-TitanHstRun -RunId' {
    It 'writes a non-terminating RunNotFound error for a literal id that matches no run' {
        $out = Get-TitanHstRun -RunId 'nope', 'nope2' -JournalPath $script:runs -ErrorVariable missing -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $missing.Count | Should -Be 2
        $missing[0].FullyQualifiedErrorId | Should -Be 'RunNotFound,Aether.TitanHst.PowerShell.Apply.GetTitanHstRunCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 'nope'
        $missing[0].Exception.Message | Should -Match 'nope'
        $missing[1].TargetObject | Should -Be 'nope2'
    }

    It 'is silent for a wildcard that matches no run' {
        Get-TitanHstRun -RunId 'nope*' -JournalPath $script:runs -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing.Count | Should -Be 0
    }

    It 'declares that -RunId accepts wildcards' {
        (Get-Command Get-TitanHstRun).Parameters['RunId'].Attributes.Where({ $_ -is [Management.Automation.SupportsWildcardsAttribute] }).Count | Should -Be 1
        (Get-Help Get-TitanHstRun -Parameter RunId).globbing | Should -Be 'true'
    }
}
