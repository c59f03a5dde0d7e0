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
