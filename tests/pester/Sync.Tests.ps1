BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 150 -Seed 31
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')

    function New-SyncConfig {
        param([hashtable] $Apply = @{ allowRoleChange = $true }, [string] $ExpectedSchema = '2026-02', [string] $Name = 'titanhst.config.jsonc')
        $path = Join-Path $script:district.Path $Name
        @{
            configFormat = 1; version = '1.2.0'; contract = './contract.jsonc'
            titanHst = @{ baseUri = "$($script:emulator.BaseUri)"; clientId = $script:emulator.Credential.UserName; expectedSchemaVersion = $ExpectedSchema }
            apply = $Apply; runs = @{ folder = './runs' }; reports = @{ folder = './reports' }
        } | ConvertTo-Json -Depth 5 | Set-Content $path
        $path
    }

    function Set-SampleThreshold {
        # The sample contract blocks every role change; a district that trusts its role mapping raises the limit.
        param([int] $MaxRoleChanges)
        $contract = Join-Path $script:district.Path 'contract.jsonc'
        (Get-Content -Raw $contract) -replace '"roleChange": \{ "maxCount": \d+ \}', "`"roleChange`": { `"maxCount`": $MaxRoleChanges }" | Set-Content -NoNewline $contract
    }
}

AfterAll {
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Invoke-TitanHstSync' {
    It 'stops before any write while a person''s position rows cannot be read (two primaries)' {
        $result = Invoke-TitanHstSync -ConfigPath (New-SyncConfig) -Credential $script:emulator.Credential -WarningAction SilentlyContinue
        $result.ExitCode | Should -Be 2
        $result.Messages[-1] | Should -Match 'cannot be built'
        $result.Apply | Should -BeNullOrEmpty
        # HR settles the planted two-primaries person (TestHelpers), so the other tests can sync.
        Resolve-PlantedPrimaryConflict -DistrictPath $script:district.Path
    }

    BeforeEach {
        Reset-Emulator $script:emulator
        Set-SampleThreshold -MaxRoleChanges 0
    }

    It 'stops with exit code 2 and applies nothing when the diff is blocked' {
        $result = Invoke-TitanHstSync -ConfigPath (New-SyncConfig) -Credential $script:emulator.Credential -WarningAction SilentlyContinue
        "$($result.Status)" | Should -Be 'NeedsReview'
        $result.ExitCode | Should -Be 2
        $result.Messages[-1] | Should -Match 'blocked by the contract''s safety thresholds'
        $result.Apply | Should -BeNullOrEmpty
    }

    It 'stops for review when TitanHST reports another schema version' {
        $result = Invoke-TitanHstSync -ConfigPath (New-SyncConfig -ExpectedSchema '2025-12') -Credential $script:emulator.Credential -WarningAction SilentlyContinue
        $result.ExitCode | Should -Be 2
        $result.Messages[-1] | Should -Match 'schema 2026-02, not 2025-12'
    }

    It 'saves a plan and applies nothing with -PlanOnly' {
        Set-SampleThreshold -MaxRoleChanges 50
        $result = Invoke-TitanHstSync -ConfigPath (New-SyncConfig) -Credential $script:emulator.Credential -PlanOnly -WarningAction SilentlyContinue
        $result.ExitCode | Should -Be 2
        $result.PlanPath | Should -Exist
        @(Import-TitanHstPlan $result.PlanPath).Count | Should -BeGreaterThan 0
    }

    It 'stops for review (exit 2) and applies nothing when the contract requires approvals' {
        Set-SampleThreshold -MaxRoleChanges 50
        $contract = Join-Path $script:district.Path 'contract.jsonc'
        $original = Get-Content -Raw $contract
        try {
            $original -replace '"safety": \{', '"safety": { "approvals": { "required": 1 },' | Set-Content -NoNewline $contract
            $before = @(Get-TitanHstStaff -Connection (Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential -PassThru) -IncludeInactive).Count
            $result = Invoke-TitanHstSync -ConfigPath (New-SyncConfig) -Credential $script:emulator.Credential -WarningAction SilentlyContinue
            "$($result.Status)" | Should -Be 'NeedsReview'
            $result.ExitCode | Should -Be 2
            $result.PlanPath | Should -Exist
            $result.Messages[-1] | Should -Match 'requires 1 approval'
            $result.Messages[-1] | Should -Match 'Approve-TitanHstPlan'
            @(Get-TitanHstStaff -IncludeInactive).Count | Should -Be $before
        }
        finally {
            Set-Content -NoNewline -Path $contract -Value $original
            Disconnect-TitanHst
        }
    }

    It 'refuses role changes the configuration does not allow, even under the threshold' {
        Set-SampleThreshold -MaxRoleChanges 50
        $result = Invoke-TitanHstSync -ConfigPath (New-SyncConfig -Apply @{ allowRoleChange = $false }) -Credential $script:emulator.Credential -WarningAction SilentlyContinue
        $result.ExitCode | Should -Be 2
        $result.Messages[-1] | Should -Match 'RoleChangeNotAllowed'
    }

    It 'applies what is safe but exits 2, not 1 or 0, while conflicts stand; in sync (0) only once they are fixed' {
        Set-SampleThreshold -MaxRoleChanges 50
        $config = New-SyncConfig
        $env:TITANHST_CLIENT_SECRET = $script:emulator.Credential.GetNetworkCredential().Password
        $aeries = Join-Path $script:district.Path 'exports/aeries-staff.csv'
        $original = [IO.File]::ReadAllBytes($aeries)
        try {
            $first = Invoke-TitanHstSync -ConfigPath $config -WarningAction SilentlyContinue
            "$($first.Status)" | Should -Be 'NeedsReview' -Because ($first.Messages -join ' | ')
            $first.ExitCode | Should -Be 2
            $first.Apply.Succeeded | Should -BeGreaterThan 0
            $first.Apply.Failed | Should -Be 0
            $first.Validation.Passed | Should -BeTrue
            # The planted two-primaries person was settled by the first test, so one planted conflict fewer stands.
            ($first.Messages -join ' | ') | Should -Match "applied what it could, but $($script:district.Counts['TargetConflicts'] - 1) conflict\(s\) to fix in the sources"
            (Get-TitanHstAuditLog -RunId $first.RunId -Kind RunStart).Reason | Should -Match 'config 1\.2\.0'
            $first.ReportPath | Should -Exist
            Get-Content -Raw $first.ReportPath | Should -Not -Match '<script'

            $second = Invoke-TitanHstSync -ConfigPath $config -WarningAction SilentlyContinue
            "$($second.Status)" | Should -Be 'NeedsReview' -Because 'standing conflicts are not "in sync"'
            $second.ExitCode | Should -Be 2
            ($second.Messages -join ' | ') | Should -Match 'Nothing to apply, but \d+ conflict\(s\) to fix'
            $second.Apply | Should -BeNullOrEmpty

            # The district fixes its sources: the people HR terminated leave the Aeries export too.
            $contract = Import-MappingContract (Join-Path $script:district.Path 'contract.jsonc')
            Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
            # The Aeries export is windows-1252; Latin-1 text keeps every byte as it is.
            $latin1 = [Text.Encoding]::Latin1
            $lines = [Collections.Generic.List[string]]($latin1.GetString($original) -split "`r`n")
            $conflictLines = Get-TitanHstDiff -Contract $contract -WarningAction SilentlyContinue | Where-Object Action -eq Conflict |
                ForEach-Object { [int]([regex]::Match($_.Sources, 'aeries:(\d+)').Groups[1].Value) } | Sort-Object -Descending
            Disconnect-TitanHst
            $conflictLines | ForEach-Object { $lines.RemoveAt($_ - 1) }
            [IO.File]::WriteAllBytes($aeries, $latin1.GetBytes($lines -join "`r`n"))
            $third = Invoke-TitanHstSync -ConfigPath $config -WarningAction SilentlyContinue
            "$($third.Status)" | Should -Be 'Applied' -Because ($third.Messages -join ' | ')
            $third.ExitCode | Should -Be 1
            $fourth = Invoke-TitanHstSync -ConfigPath $config -WarningAction SilentlyContinue
            "$($fourth.Status)" | Should -Be 'InSync' -Because ($fourth.Messages -join ' | ')
            $fourth.ExitCode | Should -Be 0
        }
        finally {
            Remove-Item Env:TITANHST_CLIENT_SECRET
            [IO.File]::WriteAllBytes($aeries, $original)
        }
    }

    It 'names an unmapped code, its count and the first file:line in a scheduled run' {
        Set-SampleThreshold -MaxRoleChanges 50
        # Sites come from the HR positions export (decision 0011): plant an unmapped site id on two position rows.
        $hr = Join-Path $script:district.Path 'exports/hr-positions.csv'
        $original = [IO.File]::ReadAllBytes($hr)
        try {
            $lines = Get-Content -LiteralPath $hr -Encoding utf8
            $lines[5] = $lines[5] -replace '^(\d+,[^,]*,)[^,]*', '${1}998'
            $lines[9] = $lines[9] -replace '^(\d+,[^,]*,)[^,]*', '${1}998'
            Set-Content -LiteralPath $hr -Value $lines -Encoding utf8
            $result = Invoke-TitanHstSync -ConfigPath (New-SyncConfig) -Credential $script:emulator.Credential -WarningAction SilentlyContinue
            $result.ExitCode | Should -Be 3 -Because ($result.Messages -join ' | ')
            ($result.Messages -join ' | ') | Should -Match "CodesMapped: .*998 \(\d+ records?, first at hr-positions\.csv:6\)"
        }
        finally { [IO.File]::WriteAllBytes($hr, $original) }
    }

    It 'exits with the documented code when run as a script' {
        Set-SampleThreshold -MaxRoleChanges 0
        $script = Join-Path (Split-Path (Get-BuiltModulePath)) 'scripts/Invoke-TitanHstScheduledSync.ps1'
        $config = New-SyncConfig
        $child = Start-ChildPwsh -Environment @{ TITANHST_CLIENT_SECRET = $script:emulator.Credential.GetNetworkCredential().Password } -Script "& '$script' -ConfigPath '$config'; exit `$LASTEXITCODE"
        $child.WaitForExit(120000) | Should -BeTrue
        $child.ExitCode | Should -Be 2 -Because 'the sample contract blocks role changes'
    }

    It 'refuses a configuration that holds a secret, naming the property' {
        $path = Join-Path $TestDrive 'bad.jsonc'
        @{ configFormat = 1; version = '1.0.0'; contract = './c.jsonc'; titanHst = @{ baseUri = 'https://x.example'; clientSecret = 'nope' } } | ConvertTo-Json | Set-Content $path
        { Invoke-TitanHstSync -ConfigPath $path } | Should -Throw '*titanHst.clientSecret*never holds a secret*'
    }
}
