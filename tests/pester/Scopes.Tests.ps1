#Requires -Modules Pester
# Least privilege against the emulator: a read-only credential diffs, reads and validates; an apply with it stops
# before any call; applies ask for staff.write with the write credential, at apply time only.

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 60 -Seed 11
    $script:contract = Import-MappingContract $script:district.ContractPath
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json') -ReadOnlyClient

    function Get-ApiRequestCount {
        # Requests the emulator saw under /api/v1 (statistics since the last reset).
        $stats = Invoke-RestMethod -Uri "$($script:emulator.BaseUri)_emulator/stats"
        @($stats.recent | Where-Object { $_.path -like '/api/*' }).Count
    }

    function Get-WriteCount {
        $stats = Invoke-RestMethod -Uri "$($script:emulator.BaseUri)_emulator/stats"
        @($stats.recent | Where-Object { $_.path -like '/api/*' -and $_.method -ne 'GET' }).Count
    }

    function New-Plan {
        $plan = Join-Path $TestDrive "plan-$([guid]::NewGuid().ToString('N')).json"
        $null = Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue | Where-Object { -not $_.Blocked -and $_.Action -eq 'Update' } | Select-Object -First 3 | Export-TitanHstPlan -Path $plan
        $plan
    }
}

AfterAll {
    Disconnect-TitanHst -ErrorAction SilentlyContinue
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'A read-only credential' {
    BeforeEach { Reset-Emulator $script:emulator }

    It 'is registered by Start-TitanHstEmulator -ReadOnlyClient' {
        $script:emulator.ReadCredential.UserName | Should -Be "$($script:emulator.ClientId)-read"
    }

    It 'diffs, reads and validates' {
        $connection = Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.ReadCredential -ReadOnly -PassThru
        $connection.CanWrite | Should -BeFalse
        @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue).Count | Should -BeGreaterThan 0
        @(Get-TitanHstStaff | Select-Object -First 5).Count | Should -Be 5
        $validation = Test-TitanHstSync -Contract $script:contract -WarningAction SilentlyContinue
        $validation | Should -Not -BeNullOrEmpty
        Get-WriteCount | Should -Be 0
    }

    It 'cannot apply: refused before any call, with a clear message' {
        Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.ReadCredential -ReadOnly
        $plan = New-Plan
        $before = Get-ApiRequestCount
        $err = { Invoke-TitanHstApply -PlanPath $plan -Contract $script:contract -Confirm:$false } |
            Should -Throw -ErrorId 'ReadOnlyCredential,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand' -PassThru
        $err.Exception.Message | Should -Match 'read-only credential.*not apply'
        Get-ApiRequestCount | Should -Be $before -Because 'nothing was sent'
    }

    It 'that was not declared read-only is refused staff.write before any record is read or written' {
        Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.ReadCredential
        $plan = New-Plan
        $before = Get-ApiRequestCount
        { Invoke-TitanHstApply -PlanPath $plan -Contract $script:contract -Confirm:$false } |
            Should -Throw -ErrorId 'WriteScopeRefused,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        Get-ApiRequestCount | Should -Be $before -Because 'only the token endpoint was asked'
    }
}

Describe 'A separate write credential' {
    BeforeEach { Reset-Emulator $script:emulator }

    It 'applies, while the diff keeps the read credential' {
        $connection = Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.ReadCredential -WriteCredential $script:emulator.Credential -PassThru
        $connection.WriteClientId | Should -Be $script:emulator.ClientId
        $plan = New-Plan
        $outcomes = @(Invoke-TitanHstApply -PlanPath $plan -Contract $script:contract -Confirm:$false)
        $outcomes[-1].Succeeded | Should -Be 3
        Get-WriteCount | Should -BeGreaterThan 0
    }

    It 'refuses -ReadOnly together with -WriteCredential' {
        { Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.ReadCredential -WriteCredential $script:emulator.Credential -ReadOnly } |
            Should -Throw -ErrorId 'ReadOnlyWithWriteCredential,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'
    }
}

Describe 'The scheduled sync with two credentials' {
    BeforeEach { Reset-Emulator $script:emulator }

    It 'with a read-only connector saves the plan and applies nothing' {
        $config = Join-Path $script:district.Path 'readonly.config.jsonc'
        @{
            configFormat = 1; version = '1.0.0'; contract = './contract.jsonc'
            titanHst = @{ baseUri = "$($script:emulator.BaseUri)"; readOnly = $true }
            apply = @{ allowRoleChange = $true }; runs = @{ folder = './runs' }; reports = @{ folder = './reports' }
        } | ConvertTo-Json -Depth 5 | Set-Content $config
        $contractFile = $script:district.ContractPath
        $original = Get-Content -Raw $contractFile
        try {
            (Get-Content -Raw $contractFile) -replace '"roleChange": \{ "maxCount": \d+ \}', '"roleChange": { "maxCount": 1000 }' | Set-Content -NoNewline $contractFile
            $result = Invoke-TitanHstSync -ConfigPath $config -Credential $script:emulator.ReadCredential -WarningAction SilentlyContinue
        }
        finally { Set-Content -NoNewline -Path $contractFile -Value $original }
        "$($result.Status)" | Should -Be 'NeedsReview'
        $result.Messages[-1] | Should -Match 'read-only credential'
        Get-WriteCount | Should -Be 0
    }
}
