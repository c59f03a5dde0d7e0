#Requires -Modules Pester
# A folder where a file is expected is named as a folder (PathIsFolder), not as "not found", "not writable" or
# "exists already"; the advice for a missing file says what a relative path is relative to: the current location
# for a path typed on the command line, the contract's folder for a path read from a contract.

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 40 -Seed 5
    $script:folder = $script:district.Path

    function Get-Refusal([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    function Assert-FolderRefused([Management.Automation.ErrorRecord] $Record, [string] $Command, [string] $Category = 'InvalidArgument') {
        $Record | Should -Not -BeNullOrEmpty
        $Record.FullyQualifiedErrorId | Should -BeLike "PathIsFolder,*$Command*"
        $Record.CategoryInfo.Category | Should -Be $Category
        $Record.Exception.Message | Should -BeLike "*'$($script:folder)' is a folder; give the path of a file*"
    }
}

Describe 'A folder given where a file is expected' {
    It 'Import-MappingContract names the folder' {
        Import-MappingContract $script:folder -ErrorVariable refused -ErrorAction SilentlyContinue
        Assert-FolderRefused $refused[0] 'ImportMappingContractCommand'
    }

    It 'a contract source path that is a folder names the folder, as wrong data in the contract' {
        $copy = Join-Path $TestDrive 'folder-source'
        Copy-Item -Recurse $script:folder $copy
        $contractPath = Join-Path $copy 'contract.jsonc'
        $contract = Get-Content -Raw $contractPath
        $source = [regex]::Match($contract, '"path"\s*:\s*"(?<p>[^"]+\.csv)"').Groups['p'].Value
        $exports = Split-Path -Parent $source
        (Get-Content -Raw $contractPath).Replace("`"$source`"", "`"$exports`"") | Set-Content -NoNewline $contractPath
        $refused = Get-Refusal { Import-TitanHstSource -Contract $contractPath -WarningAction SilentlyContinue | Out-Null }
        $refused.FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        $refused.CategoryInfo.Category | Should -Be 'InvalidData'
        $refused.Exception.Message | Should -BeLike "*is a folder; give the path of a file*"
        $refused.ErrorDetails.RecommendedAction | Should -Match 'contract'
    }

    Context 'with a diff' {
        BeforeAll {
            $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:folder 'titanhst-seed.json')
            Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
            $script:diff = @(Get-TitanHstDiff -Contract $script:district.ContractPath -WarningAction SilentlyContinue)
            $script:snapshot = Join-Path $TestDrive 'snapshot.jsonl'
            Get-TitanHstStaff -IncludeInactive -OutFile $script:snapshot
        }

        AfterAll {
            Disconnect-TitanHst
            if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
        }

        It 'Get-TitanHstDiff -TargetSnapshot names the folder' {
            $refused = Get-Refusal { Get-TitanHstDiff -Contract $script:district.ContractPath -TargetSnapshot $script:folder -WarningAction SilentlyContinue }
            Assert-FolderRefused $refused 'GetTitanHstDiffCommand'
        }

        It 'Get-TitanHstStaff -OutFile names the folder' {
            $refused = Get-Refusal { Get-TitanHstStaff -IncludeInactive -OutFile $script:folder }
            Assert-FolderRefused $refused 'GetTitanHstStaffCommand'
        }

        It 'Export-TitanHstPlan -Path names the folder, not "not writable"' {
            $refused = Get-Refusal { $script:diff | Export-TitanHstPlan -Path $script:folder -Confirm:$false }
            Assert-FolderRefused $refused 'ExportTitanHstPlanCommand'
            $refused.Exception.Message | Should -Not -Match 'not writable'
        }

        It 'Export-TitanHstReview -Path -Force names the folder, not "already exists"' {
            $refused = Get-Refusal { $script:diff | Export-TitanHstReview -Path $script:folder -Force -Confirm:$false }
            Assert-FolderRefused $refused 'ExportTitanHstReviewCommand'
            Test-Path -PathType Container $script:folder | Should -BeTrue
        }
    }
}

Describe 'The advice for a file that is not found' {
    It 'for a path typed on the command line, speaks of the current location, not of a contract' {
        Push-Location $TestDrive
        try {
            $plan = Get-Refusal { Import-TitanHstPlan -Path 'no-such-plan.json' }
            $config = Get-Refusal { Connect-TitanHst -ConfigPath 'no-such-config.json' }
            $contract = Get-Refusal { Import-MappingContract 'no-such-contract.jsonc' -ErrorAction Stop }
        }
        finally { Pop-Location }
        foreach ($refused in $plan, $config, $contract) {
            $refused.FullyQualifiedErrorId | Should -BeLike 'FileNotFound,*'
            $refused.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $refused.ErrorDetails.RecommendedAction | Should -Match 'current location'
            $refused.ErrorDetails.RecommendedAction | Should -Not -Match 'contract'
        }
    }

    It 'for a path read from a contract, says it is relative to the contract''s folder' {
        $copy = Join-Path $TestDrive 'missing-source'
        Copy-Item -Recurse $script:folder $copy
        $source = Get-ChildItem -Recurse -Filter '*.csv' (Join-Path $copy 'exports') | Select-Object -First 1
        Remove-Item $source.FullName
        $refused = Get-Refusal { Import-TitanHstSource -Contract (Join-Path $copy 'contract.jsonc') -WarningAction SilentlyContinue | Out-Null }
        $refused.FullyQualifiedErrorId | Should -BeLike 'FileNotFound,*'
        $refused.ErrorDetails.RecommendedAction | Should -Match "relative to the contract's folder"
    }
}
