BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 120 -Seed 11
    $hr = Join-Path $script:district.Path 'exports/hr-employees.csv'
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
    $script:diff = @(Get-TitanHstDiff -Contract $script:district.ContractPath -WarningVariable diffWarnings -WarningAction SilentlyContinue)
    $script:warnings = $diffWarnings
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Get-TitanHstDiff' {
    It 'finds exactly the drift the sample district planted' {
        $counts = $script:district.Counts
        @($script:diff | Where-Object Action -eq Create).Count | Should -Be $counts['TargetCreates']
        @($script:diff | Where-Object Action -eq Deactivate).Count | Should -Be $counts['TargetDeactivations']
        @($script:diff | Where-Object Action -eq Conflict).Count | Should -Be $counts['TargetConflicts']
        @($script:diff | Where-Object Action -eq Update).Count |
            Should -Be ($counts['TargetEmailUpdates'] + $counts['TargetTitleUpdates'] + $counts['TargetPhoneUpdates'] + $counts['TargetRoleChanges'] + $counts['TargetSiteChanges'])
        $script:diff | Where-Object Action -eq NoChange | Should -BeNullOrEmpty
    }

    It 'explains every change and names its source rows' {
        $script:diff | ForEach-Object { $_.Explanation | Should -Not -BeNullOrEmpty }
        ($script:diff | Where-Object Action -eq Create | Select-Object -First 1).Sources | Should -Match '^(hr|aeries):\d+'
    }

    It 'blocks role changes under the sample contract and says so' {
        $roleChanges = @($script:diff | Where-Object { "$($_.Risk)" -match 'RoleChange' })
        $roleChanges.Count | Should -Be $script:district.Counts['TargetRoleChanges']
        $roleChanges | ForEach-Object { $_.Blocked | Should -BeTrue }
        ($script:warnings -join "`n") | Should -Match 'BLOCKED.*role changes exceed the limit of 0'
    }

    It 'pipes through Where-Object and Select-Object into Export-Csv and reads back one row per change' {
        $csv = Join-Path $TestDrive 'updates.csv'
        $script:diff | Where-Object Action -eq Update | Select-Object Action, ExternalId, DisplayName, Site, Role, Risk, Changes, Explanation |
            Export-Csv -NoTypeInformation -Path $csv
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be @($script:diff | Where-Object Action -eq Update).Count
        # A value change reads "field: 'old' → 'new'"; an assignments change reads in words (decision 0011).
        $rows | ForEach-Object { $_.Changes | Should -Match '^\w+: (.+ → |[+-]\w+/\w+)' }
        $rows[0].PSObject.Properties.Name | Should -Be @('Action', 'ExternalId', 'DisplayName', 'Site', 'Role', 'Risk', 'Changes', 'Explanation')
    }

    It 'exports every change to CSV with flat columns only' {
        $csv = Join-Path $TestDrive 'all.csv'
        $script:diff | Export-Csv -NoTypeInformation -Path $csv
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be $script:diff.Count
        (Get-Content -Raw $csv) | Should -Not -Match 'System\.Collections'
    }

    It 'neutralizes values a spreadsheet would run as formulas' {
        $copy = Join-Path $TestDrive 'formula'
        Copy-Item -Recurse $script:district.Path $copy
        $hr = Join-Path $copy 'exports/hr-employees.csv'
        $lines = [IO.File]::ReadAllLines($hr)
        $target = ($script:diff | Where-Object Action -eq Create | Select-Object -First 1).ExternalId
        $index = [Array]::FindIndex($lines, [Predicate[string]] { param($l) $l.StartsWith("$target,") })
        $index | Should -BeGreaterThan 0
        $fields = $lines[$index].Split(',')
        $fields[1] = '=HYPERLINK(1)'
        $lines[$index] = $fields -join ','
        [IO.File]::WriteAllLines($hr, $lines, [Text.UTF8Encoding]::new($true))
        $csv = Join-Path $TestDrive 'formula.csv'
        Get-TitanHstDiff -Contract (Join-Path $copy 'contract.jsonc') -ExternalId $target -WarningAction SilentlyContinue | Export-Csv -NoTypeInformation -Path $csv
        (Import-Csv $csv).DisplayName | Should -BeLike "'=*"
    }

    It 'narrows to one person with -ExternalId' {
        $one = ($script:diff | Where-Object Action -eq Update | Select-Object -First 1).ExternalId
        $narrow = @(Get-TitanHstDiff -Contract $script:district.ContractPath -ExternalId $one -WarningAction SilentlyContinue)
        $narrow.Count | Should -Be 1
        $narrow[0].ExternalId | Should -Be $one

        # An id that matches nobody is said so, not silence (and the id it found is not).
        Get-TitanHstDiff -Contract $script:district.ContractPath -ExternalId $one, '99999999' -IncludeNoChange -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        @($w | Where-Object { "$_" -match 'externalId' }).Count | Should -Be 1
        "$($w | Where-Object { "$_" -match 'externalId' })" | Should -Match "No person with externalId '99999999' is in the exports or in TitanHST"
    }

    It 'gives the same diff from a full snapshot, and refuses an active-only snapshot' {
        $full = Join-Path $TestDrive 'full.jsonl'
        Get-TitanHstStaff -IncludeInactive -OutFile $full
        $fromSnapshot = @(Get-TitanHstDiff -Contract $script:district.ContractPath -TargetSnapshot $full -WarningAction SilentlyContinue)
        ($fromSnapshot | ForEach-Object { "$($_.Action) $($_.ExternalId)" }) | Should -Be ($script:diff | ForEach-Object { "$($_.Action) $($_.ExternalId)" })

        $active = Join-Path $TestDrive 'active.jsonl'
        Get-TitanHstStaff -OutFile $active
        { Get-TitanHstDiff -Contract $script:district.ContractPath -TargetSnapshot $active } |
            Should -Throw -ErrorId 'TargetSnapshotIncomplete,Aether.TitanHst.PowerShell.Diff.GetTitanHstDiffCommand'
    }

    It 'summarizes by action, site and role with -Summary and Measure-TitanHstDiff' {
        $summary = Get-TitanHstDiff -Contract $script:district.ContractPath -Summary -WarningAction SilentlyContinue
        $summary.Create | Should -Be @($script:diff | Where-Object Action -eq Create).Count
        $summary.Blocked | Should -BeTrue
        $summary.NoChange | Should -BeGreaterThan 0
        ($summary.BySite | Measure-Object Total -Sum).Sum | Should -Be $script:diff.Count

        $measured = $script:diff | Where-Object Action -eq Deactivate | Measure-TitanHstDiff
        $measured.Deactivate | Should -Be $script:district.Counts['TargetDeactivations']
        $measured.Create | Should -Be 0
    }

    It 'records every diff as an access to personal data in the audit log' {
        $entry = Get-TitanHstAuditLog -Kind Access -Last 1
        $entry.Access.What | Should -Be 'diff'
        $entry.Access.Count | Should -BeGreaterThan 100
        $entry.Contract.Id | Should -Be 'sample-usd-staff'
        Test-TitanHstAuditLog -Quiet | Should -BeTrue
    }

    It 'renders its default table and list views' {
        ($script:diff | Format-Table | Out-String) | Should -Match 'Action\s+ExternalId\s+DisplayName'
        ($script:diff | Where-Object Action -eq Update | Select-Object -First 1 | Format-List | Out-String) | Should -Match 'Changes\s*:\s*\w+: '
    }
}

Describe 'Saved plans' {
    It 'exports the reviewed subset and imports it back with its hash verified' {
        $path = Join-Path $TestDrive 'plan.json'
        $reviewed = @($script:diff | Where-Object Action -in Create, Update)
        $plan = $reviewed | Export-TitanHstPlan -Path $path
        $plan.ChangeCount | Should -Be $reviewed.Count
        $plan.Hash | Should -Match '^sha256:[0-9a-f]{64}$'
        $plan.Operator | Should -Match '@'

        $back = @(Import-TitanHstPlan -Path $path)
        ($back | ForEach-Object { "$($_.Action) $($_.ExternalId) $($_.Changes)" }) | Should -Be ($reviewed | ForEach-Object { "$($_.Action) $($_.ExternalId) $($_.Changes)" })
        (Import-TitanHstPlan -Path $path -AsPlan).ContractHash | Should -Be $script:diff[0].ContractHash
        (Get-Item $path | Import-TitanHstPlan).Count | Should -Be $reviewed.Count
    }

    It 'refuses a plan file edited by hand' {
        $path = Join-Path $TestDrive 'edited.json'
        $script:diff | Export-TitanHstPlan -Path $path | Out-Null
        (Get-Content -Raw $path) -replace '"blocked": true', '"blocked": false' | Set-Content -NoNewline $path
        { Import-TitanHstPlan -Path $path } | Should -Throw -ErrorId 'PlanTampered,Aether.TitanHst.PowerShell.Plan.ImportTitanHstPlanCommand'
    }

    It 'will not overwrite a plan without -Force, and writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'once.json'
        $script:diff | Export-TitanHstPlan -Path $path | Out-Null
        { $script:diff | Export-TitanHstPlan -Path $path } | Should -Throw -ErrorId 'PlanExists,Aether.TitanHst.PowerShell.Plan.ExportTitanHstPlanCommand'
        $script:diff | Export-TitanHstPlan -Path (Join-Path $TestDrive 'whatif.json') -WhatIf
        Join-Path $TestDrive 'whatif.json' | Should -Not -Exist
    }

    It 'shows what changed in TitanHST since the review' {
        $path = Join-Path $TestDrive 'compare.json'
        $script:diff | Export-TitanHstPlan -Path $path | Out-Null
        Get-TitanHstDiff -Contract $script:district.ContractPath -WarningAction SilentlyContinue | Compare-TitanHstPlan -Path $path | Should -BeNullOrEmpty

        # An administrator edits one of the records the plan would update.
        $update = $script:diff | Where-Object Action -eq Update | Select-Object -First 1
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.BaseUri)_emulator/staff/$($update.TargetId)/touch" | Out-Null
        $differences = @(Get-TitanHstDiff -Contract $script:district.ContractPath -WarningAction SilentlyContinue | Compare-TitanHstPlan -Path $path)
        $differences.Count | Should -Be 1
        $differences[0].ExternalId | Should -Be $update.ExternalId
        "$($differences[0].Kind)" | Should -Be 'TargetChanged'
    }
}
