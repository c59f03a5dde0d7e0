# Tab completion for run ids (-RunId, -Resume, -Run), -Outcome and -Contract wherever they are taken.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:runsBefore = $env:AETHER_TITANHST_RUNS
    $env:AETHER_TITANHST_RUNS = Join-Path $TestDrive 'runs'
    foreach ($id in '20261128-020000-aaaaaa', '20261129-020000-bbbbbb') {
        $folder = New-Item -ItemType Directory -Force (Join-Path $env:AETHER_TITANHST_RUNS $id)
        Set-Content -LiteralPath (Join-Path $folder 'run.json') -Value '{}'
    }
    New-Item -ItemType Directory -Force (Join-Path $env:AETHER_TITANHST_RUNS 'not-a-run') | Out-Null
    $script:place = Join-Path $TestDrive 'completion'
    New-Item -ItemType Directory $script:place | Out-Null
    New-TitanHstSampleDistrict -Path (Join-Path $script:place 'district') -StaffCount 20 | Out-Null
    Push-Location $script:place
    $script:sep = [IO.Path]::DirectorySeparatorChar
    function Get-Completion([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
}

AfterAll {
    Pop-Location
    $env:AETHER_TITANHST_RUNS = $script:runsBefore
}

Describe 'Run id completion' {
    It 'offers the runs, never a folder without run.json, for <Line>' -ForEach @(
        @{ Line = 'Get-TitanHstRun -RunId ' }
        @{ Line = 'Get-TitanHstRun ' }
        @{ Line = 'Invoke-TitanHstApply -Resume ' }
        @{ Line = 'Export-TitanHstReport -Path r.html -Run ' }
        @{ Line = 'Get-TitanHstAuditLog -RunId ' }
    ) {
        $texts = @((Get-Completion $Line).CompletionText)
        $texts | Should -Contain '20261128-020000-aaaaaa'
        $texts | Should -Contain '20261129-020000-bbbbbb'
        $texts | Should -Not -Contain 'not-a-run'
    }

    It 'narrows to what is typed' {
        @((Get-Completion 'Invoke-TitanHstApply -Resume 20261129').CompletionText) | Should -Be @('20261129-020000-bbbbbb')
    }
}

Describe 'Outcome and contract completion' {
    It 'offers the outcomes for Get-TitanHstAuditLog -Outcome' {
        @((Get-Completion 'Get-TitanHstAuditLog -Outcome ').CompletionText) | Should -Be @('Succeeded', 'Failed', 'Stale', 'Skipped', 'Declined')
    }

    It 'offers the sample contract for -Contract of <Line>' -ForEach @(
        @{ Line = 'Invoke-TitanHstApply -PlanPath p.json -Contract ' }
        @{ Line = 'Export-TitanHstReport -Run x -Path r.html -Contract ' }
        @{ Line = 'Get-TitanHstDiff -Contract ' }
        @{ Line = 'Test-TitanHstSync -Contract ' }
    ) {
        @((Get-Completion $Line).CompletionText) | Should -Contain ".${sep}district${sep}contract.jsonc"
    }
}

Describe 'Keys inside -SourcePath @{ }' {
    # PowerShell calls no argument completer inside a hashtable literal; the module wraps TabExpansion2 for this.
    It 'offers the contract''s source names at <Line>' -ForEach @(
        @{ Line = 'Get-TitanHstDiff -Contract ./district/contract.jsonc -SourcePath @{ '; Expected = @('aeries', 'hr', 'positions') }
        @{ Line = 'Import-TitanHstSource ./district/contract.jsonc -SourcePath @{ h'; Expected = @('hr') }
        @{ Line = "Test-MappingContract -Path ./district/contract.jsonc -SourcePath @{ hr = './x.csv'; "; Expected = @('aeries', 'positions') }
        @{ Line = "Test-TitanHstSync -Contract ./district/contract.jsonc -SourcePath @{`n    "; Expected = @('aeries', 'hr', 'positions') }
    ) {
        @((Get-Completion $Line).CompletionText) | Should -Be $Expected
    }

    It 'reads the contract from a variable, and from a -Contract typed after the hashtable' {
        $global:completionContract = Import-MappingContract ./district/contract.jsonc
        try {
            @(Get-Completion 'Get-TitanHstDiff -Contract $completionContract -SourcePath @{ a' | ForEach-Object CompletionText) | Should -Be @('aeries')
        }
        finally { Remove-Variable completionContract -Scope Global }
        $line = 'Get-TitanHstDiff -SourcePath @{  } -Contract ./district/contract.jsonc'
        $r = TabExpansion2 -inputScript $line -cursorColumn 31
        @($r.CompletionMatches.CompletionText) | Should -Be @('aeries', 'hr', 'positions')
        $r.ReplacementIndex | Should -Be 31
    }

    It 'leaves a value position, and hashtables of other commands, to PowerShell' {
        @(Get-Completion "Get-TitanHstDiff -Contract ./district/contract.jsonc -SourcePath @{ hr = " | ForEach-Object CompletionText) | Should -Not -Contain 'aeries'
        $builder = @(Get-Completion 'New-Object -TypeName System.Text.StringBuilder -Property @{ ' | ForEach-Object CompletionText)
        $builder | Should -Not -Contain 'hr'
        $builder | Should -Contain 'Capacity' -Because 'PowerShell''s own hashtable-key completion still answers'
    }

    It 'puts the previous TabExpansion2 back when the module is removed, and wraps it only once' {
        $lines = Invoke-ChildPwsh @"
`$before = `${function:TabExpansion2}.ToString()
Import-Module '$(Get-BuiltModulePath)'
Import-Module '$(Get-BuiltModulePath)' -Force
`$wrapped = `${function:TabExpansion2}.ToString()
Remove-Module Aether.TitanHst
'wrapped=' + `$wrapped.Contains('Aether.TitanHst: -SourcePath hashtable keys')
'once=' + (([regex]::Matches(`$wrapped, 'SourcePathKeyCompletion\]::Extend')).Count -eq 2)
'restored=' + (`${function:TabExpansion2}.ToString() -eq `$before)
"@
        $lines | Should -Contain 'wrapped=True'
        $lines | Should -Contain 'once=True'
        $lines | Should -Contain 'restored=True'
    }
}
