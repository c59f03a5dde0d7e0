BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 120 -Seed 17
    $script:contract = $script:district.ContractPath
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
    $script:token = $null
    $script:matchKeyField = (Import-MappingContract $script:contract).MatchKeyField

    function Invoke-TitanHstRest {
        # Calls the emulator's REST API directly (docs/titanhst-api.md), without the module's client.
        param([string] $Method, [string] $Path, [hashtable] $Headers = @{}, $Body)
        $base = "$($script:emulator.BaseUri)".TrimEnd('/')
        if (-not $script:token) {
            $credential = $script:emulator.Credential
            $script:token = (Invoke-RestMethod -Method Post -Uri "$base/oauth/token" -Body @{
                    grant_type = 'client_credentials'; client_id = $credential.UserName; client_secret = $credential.GetNetworkCredential().Password
                }).access_token
        }
        $all = @{ Authorization = "Bearer $script:token" } + $Headers
        $json = if ($null -ne $Body) { ConvertTo-Json -InputObject $Body -Compress } else { '{}' }
        Invoke-RestMethod -Method $Method -Uri "$base/api/v1/$Path" -Headers $all -ContentType 'application/json' -Body $json -SkipHeaderValidation
    }

    function Set-TitanHstToMatch {
        # Brings TitanHST to what the sources say, change by change, as a perfect apply would (the apply
        # cmdlet is not used): every change but conflicts, blocked ones included.
        param([object[]] $Changes)
        foreach ($change in $Changes) {
            $fields = @{}
            foreach ($pair in $change.GetDesiredFields().GetEnumerator()) { $fields[$pair.Key] = $pair.Value }
            if ($fields.ContainsKey('assignments')) {
                # The core's canonical text (SITE/ROLE*@fte; ...) as the API's array (decision 0011), as the client sends it.
                $fields['assignments'] = @(@("$($fields['assignments'])" -split '; ' | Where-Object { $_ } | ForEach-Object {
                    $slot, $fte = $_ -split '@'
                    $item = [ordered]@{ siteCode = ($slot -split '/')[0]; roleCode = (($slot -split '/')[1]).TrimEnd('*'); primary = $slot.EndsWith('*') }
                    if ($fte) { $item.fte = [decimal]$fte }
                    $item
                }))
            }
            $ifMatch = @{ 'If-Match' = $change.ETag }
            switch ("$($change.Action)") {
                'Create' {
                    # The match key travels as the change's ExternalId, not among the desired fields.
                    $fields[$script:matchKeyField] = $change.ExternalId
                    $null = Invoke-TitanHstRest Post 'staff' @{ 'Idempotency-Key' = [guid]::NewGuid().ToString() } $fields
                }
                'Update' { $null = Invoke-TitanHstRest Patch "staff/$($change.TargetId)" $ifMatch $fields }
                'Deactivate' { $null = Invoke-TitanHstRest Post "staff/$($change.TargetId)/deactivate" $ifMatch }
                'Delete' { $null = Invoke-TitanHstRest Delete "staff/$($change.TargetId)" $ifMatch }
                'Reactivate' {
                    $record = Invoke-TitanHstRest Post "staff/$($change.TargetId)/reactivate" $ifMatch
                    if ($fields.Count) { $null = Invoke-TitanHstRest Patch "staff/$($change.TargetId)" @{ 'If-Match' = "`"$($record.version)`"" } $fields }
                }
            }
        }
    }

    $script:before = Test-TitanHstSync -Contract $script:contract -SampleSize 1000 -Seed 7 -WarningAction SilentlyContinue
    $script:diff = @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue)
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Test-TitanHstSync before the apply' {
    It 'fails, with the planted drift remaining' {
        $counts = $script:district.Counts
        $script:before.Passed | Should -BeFalse
        $script:before.Create | Should -Be $counts['TargetCreates']
        $script:before.Deactivate | Should -Be $counts['TargetDeactivations']
        $script:before.Update | Should -Be ($counts['TargetEmailUpdates'] + $counts['TargetTitleUpdates'] + $counts['TargetPhoneUpdates'] + $counts['TargetSiteChanges'])
        # Role changes are blocked by the sample contract and conflicts wait for a person: outstanding, not remaining.
        $script:before.Blocked | Should -Be $counts['TargetRoleChanges']
        $script:before.Conflict | Should -Be $counts['TargetConflicts']
        ($script:before.Remaining.Count + $script:before.Outstanding.Count) | Should -Be $script:diff.Count
        Test-TitanHstSync -Contract $script:contract -Quiet -WarningAction SilentlyContinue | Should -BeFalse
    }

    It 'spot-checks every matched person field by field, and catches each drifted one' {
        $counts = $script:district.Counts
        $script:before.SampledPeople | Should -Be $script:before.MatchedPeople
        $drifted = @($script:before.SpotCheckMismatches.ExternalId | Sort-Object -Unique)
        $drifted.Count | Should -Be ($counts['TargetEmailUpdates'] + $counts['TargetTitleUpdates'] + $counts['TargetPhoneUpdates'] + $counts['TargetRoleChanges'] + $counts['TargetSiteChanges'])
        $updates = @($script:diff | Where-Object Action -eq Update | ForEach-Object ExternalId | Sort-Object)
        $drifted | Should -Be $updates
    }

    It 'draws the same sample for the same seed' {
        $one = Test-TitanHstSync -Contract $script:contract -SampleSize 5 -Seed 99 -WarningAction SilentlyContinue
        $two = Test-TitanHstSync -Contract $script:contract -SampleSize 5 -Seed 99 -WarningAction SilentlyContinue
        $one.Seed | Should -Be 99
        @($one.SpotCheck.ExternalId | Sort-Object -Unique).Count | Should -Be 5
        $two.SpotCheck.ExternalId | Should -Be $one.SpotCheck.ExternalId
    }

    It 'records the validation as an access to personal data in the audit log' {
        $entry = Get-TitanHstAuditLog -Kind Access -Last 1
        $entry.Access.What | Should -Be 'validate'
        $entry.Access.Count | Should -BeGreaterThan 100
        Test-TitanHstAuditLog -Quiet | Should -BeTrue
    }

    It 'reads TitanHST alongside the exports: an export that cannot be read fails with its file and field, and no validation is recorded' {
        # The positions export with a renamed column: the exports' side fails while TitanHST is read on the worker,
        # and the error is the export's, not a half-finished validation.
        $source = Join-Path $script:district.Path 'exports/hr-positions.csv'
        $renamed = Join-Path $TestDrive 'positions-renamed.csv'
        [IO.File]::WriteAllText($renamed, ([IO.File]::ReadAllText($source) -replace '\bJobClassId\b', 'JobClass'))
        $accessBefore = @(Get-TitanHstAuditLog -Kind Access).Count

        $failure = { Test-TitanHstSync -Contract $script:contract -SourcePath @{ positions = $renamed } -ErrorAction Stop } | Should -Throw -PassThru
        $failure.Exception.Message | Should -BeLike '*positions-renamed.csv*'
        $failure.Exception.Message | Should -BeLike '*JobClassId*'
        @(Get-TitanHstAuditLog -Kind Access).Count | Should -Be $accessBefore
    }

    It 'renders its list view and its count and spot-check tables' {
        ($script:before | Format-List | Out-String) | Should -Match 'Passed\s*:\s*False'
        ($script:before.SiteCounts | Format-Table | Out-String) | Should -Match 'Group\s+Source\s+Target\s+Difference'
        ($script:before.SpotCheckMismatches | Format-Table | Out-String) | Should -Match 'ExternalId\s+Field\s+Match'
    }
}

Describe 'Test-TitanHstSync once TitanHST matches the sources' {
    BeforeAll {
        Set-TitanHstToMatch $script:diff
        $script:after = Test-TitanHstSync -Contract $script:contract -SampleSize 50 -WarningVariable afterWarnings -WarningAction SilentlyContinue
        $script:afterWarnings = $afterWarnings
    }

    It 'passes with zero remaining differences' {
        $script:after.Passed | Should -BeTrue
        $script:after.Remaining | Should -BeNullOrEmpty
        $script:after.SpotCheckMismatches | Should -BeNullOrEmpty
        $script:after.SampledPeople | Should -Be 50
        Test-TitanHstSync -Contract $script:contract -Quiet -WarningAction SilentlyContinue | Should -BeTrue
    }

    It 'still lists the conflicts as outstanding, and warns about them' {
        $script:after.Outstanding.Count | Should -Be $script:district.Counts['TargetConflicts']
        $script:after.Outstanding | ForEach-Object { "$($_.Action)" | Should -Be 'Conflict' }
        ($script:afterWarnings -join "`n") | Should -Match 'wait for a person'
    }

    It 'gives the same verdict from a full snapshot, and refuses an active-only one' {
        $full = Join-Path $TestDrive 'after.jsonl'
        Get-TitanHstStaff -IncludeInactive -OutFile $full
        Test-TitanHstSync -Contract $script:contract -TargetSnapshot $full -Quiet -WarningAction SilentlyContinue | Should -BeTrue

        $active = Join-Path $TestDrive 'after-active.jsonl'
        Get-TitanHstStaff -OutFile $active
        { Test-TitanHstSync -Contract $script:contract -TargetSnapshot $active } |
            Should -Throw -ErrorId 'TargetSnapshotIncomplete,Aether.TitanHst.PowerShell.Validation.TestTitanHstSyncCommand'
    }
}
