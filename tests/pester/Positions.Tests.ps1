# Staff with several positions (decision 0011), end to end with the sample district: diff, review, apply, validate.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 60 -Seed 7
    $script:contract = Import-MappingContract $script:district.ContractPath
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
    $script:diff = @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue)
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Positions in the sample district' {
    It 'builds every current position as an assignment, the itinerant specialist at four schools' {
        $records = @(Import-TitanHstSource -Contract $script:contract -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $itinerant = @($records | Where-Object { ($_.assignments -split '; ').Count -eq 4 })
        $itinerant.Count | Should -Be 1
        $itinerant[0].siteCode | Should -Be (($itinerant[0].assignments -split '/')[0])
    }

    It 'shows the split-site teacher who gained a school under SiteChange, in words' {
        $gained = @($script:diff | Where-Object { $_.Risk -match 'SiteChange' } | Where-Object Changes -match 'assignments: \+\w+/TEACHER$')
        $gained.Count | Should -BeGreaterOrEqual 1
        $gained[0].Action | Should -Be 'Update'
        $gained[0].Explanation | Should -Match 'assignments \w+/TEACHER from positions:\d+'
    }

    It 'exports the SiteChange review as one readable row per person' {
        $csv = Join-Path $TestDrive 'site-changes.csv'
        $script:diff | Where-Object { $_.Risk -match 'SiteChange' } | Export-Csv -NoTypeInformation -Path $csv
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be @($script:diff | Where-Object { $_.Risk -match 'SiteChange' }).Count
        @($rows | Group-Object ExternalId | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        $rows[0].PSObject.Properties.Name | Should -Contain 'Changes'
        ($rows.Changes -join "`n") | Should -Match 'assignments: [+-]\w+/\w+'
        (Get-Content -Raw $csv) | Should -Not -Match 'System\.Collections|Aether\.TitanHst\.'
    }

    It 'makes the person with two rows claiming primary a Conflict, never a deactivation' {
        $conflict = @($script:diff | Where-Object { $_.Action -eq 'Conflict' -and $_.Explanation -match 'PositionPrimaryConflict' })
        $conflict.Count | Should -Be 1
        $script:diff | Where-Object { $_.Action -eq 'Deactivate' -and $_.ExternalId -eq $conflict[0].ExternalId } | Should -BeNullOrEmpty
    }

    It 'applies, validates and re-diffs to nothing but conflicts; TitanHST holds the assignments with siteCode mirroring the primary' {
        $plan = Join-Path $TestDrive 'plan.json'
        $script:diff | Export-TitanHstPlan -Path $plan | Out-Null
        $outcomes = @(Invoke-TitanHstApply -PlanPath $plan -Contract $script:contract -AllowRoleChange -Override -Reason 'Pester: positions reviewed' -Confirm:$false)
        $outcomes[-1].Failed | Should -Be 0

        $validation = Test-TitanHstSync -Contract $script:contract -WarningAction SilentlyContinue
        $validation.Passed | Should -BeTrue
        $validation.CountsEveryAssignment | Should -BeTrue
        @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue | Where-Object Action -ne 'Conflict') | Should -BeNullOrEmpty

        $records = @(Import-TitanHstSource -Contract $script:contract -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $split = $records | Where-Object { $_.assignments -match '^\w+/TEACHER\*@0\.6; \w+/TEACHER@0\.4$' } | Select-Object -First 1
        $held = Get-TitanHstStaff | Where-Object ExternalId -eq $split.ExternalId
        $held.assignments | Should -Be $split.assignments
        $held.siteCode | Should -Be $split.siteCode
    }
}
