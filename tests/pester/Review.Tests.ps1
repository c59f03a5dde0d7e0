# The review sheet round trip (Export-TitanHstReview -> a person edits the Approve column -> Import-TitanHstReview ->
# Export-TitanHstPlan), the refusals naming the CSV line, and plan/report export into a folder that does not exist.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 120 -Seed 11
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
    $script:diff = @(Get-TitanHstDiff -Contract $script:district.ContractPath -WarningAction SilentlyContinue)
    $script:sheet = Join-Path $TestDrive 'not-yet/review.csv'
    $script:file = $script:diff | Export-TitanHstReview -Path $script:sheet -Confirm:$false

    # What a reviewer does in a spreadsheet: mark some rows, save as CSV (UTF-8 with BOM, every cell quoted).
    function Save-Reviewed([object[]] $Rows, [string] $Name, [string] $Delimiter = ',') {
        $path = Join-Path $TestDrive $Name
        $Rows | Export-Csv -LiteralPath $path -Encoding utf8BOM -NoTypeInformation -Delimiter $Delimiter
        $path
    }

    $script:rows = @(Import-Csv -LiteralPath $script:sheet)
    $script:pick = @($script:rows | Where-Object { $_.Action -in 'Update', 'Create' -and $_.Blocked -eq 'False' } | Select-Object -First 3)
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Export-TitanHstReview' {
    It 'writes UTF-8 with a BOM into a folder it creates, one row per change, an Approve column and old/new per field' {
        $script:file | Should -BeOfType System.IO.FileInfo
        $bytes = [IO.File]::ReadAllBytes($script:sheet)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $script:rows.Count | Should -Be @($script:diff | Where-Object Action -ne NoChange).Count
        $header = $script:rows[0].PSObject.Properties.Name
        $header[0] | Should -Be 'Approve'
        $header | Should -Contain 'email (old)'
        $header | Should -Contain 'email (new)'
        ($script:rows | Where-Object Approve) | Should -BeNullOrEmpty -Because 'approval is the reviewer''s to give'
    }

    It 'gives creates the values being created, and updates their old and new value' {
        $create = $script:diff | Where-Object Action -eq Create | Select-Object -First 1
        $row = $script:rows | Where-Object { $_.ExternalId -eq $create.ExternalId -and $_.Action -eq 'Create' }
        $row.'email (new)' | Should -Be $create.GetDesiredFields()['email']
        $row.'email (old)' | Should -BeNullOrEmpty
        $update = $script:diff | Where-Object { $_.Action -eq 'Update' -and $_.Changes -match '^email' } | Select-Object -First 1
        $change = $update.GetFieldChanges() | Where-Object Field -eq email
        $row = $script:rows | Where-Object { $_.ExternalId -eq $update.ExternalId -and $_.Action -eq 'Update' }
        $row.'email (old)' | Should -Be $change.Old
        $row.'email (new)' | Should -Be $change.New
    }

    It 'refuses to overwrite without -Force' {
        { $script:diff | Export-TitanHstReview -Path $script:sheet } |
            Should -Throw -ErrorId 'PlanExists,Aether.TitanHst.PowerShell.Review.ExportTitanHstReviewCommand'
    }
}

Describe 'Import-TitanHstReview' {
    It 'returns the diff''s own changes for the approved rows, and they save as a plan in a new folder' {
        $marked = $script:rows | ForEach-Object { $r = $_.PSObject.Copy(); if ($r.ExternalId -in $script:pick.ExternalId -and $r.Action -in $script:pick.Action) { $r.Approve = 'yes' }; $r }
        $path = Save-Reviewed $marked 'approved.csv'
        $approved = @(Import-TitanHstReview -Path $path -Diff $script:diff)
        $approved.Count | Should -Be 3
        $approved | ForEach-Object { $_.GetType().FullName | Should -Be 'Aether.TitanHst.Diff.StaffChange'; $script:diff -contains $_ | Should -BeTrue }
        $plan = $approved | Export-TitanHstPlan -Path (Join-Path $TestDrive 'plans/new/reviewed.plan.json') -Confirm:$false
        $plan.ChangeCount | Should -Be 3
        # Both exports of personal data name the contract the changes came from in the audit log.
        foreach ($what in 'review-export', 'plan-export') {
            $entry = Get-TitanHstAuditLog | Where-Object { $_.Kind -eq 'Access' -and "$($_.Access)" -like "$what*" } | Select-Object -Last 1
            $entry.Contract.Id | Should -Be $script:diff[0].ContractId -Because $what
            $entry.Contract.Hash | Should -Be $script:diff[0].ContractHash -Because $what
        }
    }

    It 'takes a semicolon-separated sheet (Excel in many regions) and x as approval' {
        $marked = $script:rows | ForEach-Object { $r = $_.PSObject.Copy(); if ($r.ExternalId -eq $script:pick[0].ExternalId) { $r.Approve = 'x' }; $r }
        @(Import-TitanHstReview -Path (Save-Reviewed $marked 'semicolon.csv' ';') -Diff $script:diff).Count | Should -BeGreaterOrEqual 1
    }

    It 'refuses an approved row whose value was edited, naming the CSV line and column, and returns nothing' {
        $target = $script:pick[0]
        $index = [array]::IndexOf($script:rows, ($script:rows | Where-Object { $_.ExternalId -eq $target.ExternalId -and $_.Action -eq $target.Action }))
        $marked = $script:rows | ForEach-Object { $r = $_.PSObject.Copy(); if ($r.ExternalId -in $script:pick.ExternalId) { $r.Approve = 'yes' }; $r }
        $field = @($marked[$index].PSObject.Properties.Name | Where-Object { $_ -like '* (new)' -and $marked[$index].$_ })[0]
        $marked[$index].$field = 'edited@example.invalid'
        $path = Save-Reviewed $marked 'edited.csv'
        $out = $null; $stop = $null
        try { $out = Import-TitanHstReview -Path $path -Diff $script:diff -ErrorVariable refused -ErrorAction SilentlyContinue } catch { $stop = $_ }
        $stop.FullyQualifiedErrorId | Should -Be 'ReviewRefused,Aether.TitanHst.PowerShell.Review.ImportTitanHstReviewCommand'
        $out | Should -BeNullOrEmpty
        $edited = $refused | Where-Object { $_ -is [Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like 'ReviewRowEdited,*' }
        @($edited).Count | Should -Be 1
        $edited.Exception.Message | Should -Match ([regex]::Escape("edited.csv:$($index + 2): $field"))
        $edited.Exception.Message | Should -Not -Match 'edited@example\.invalid' -Because 'the error names the place, not the personal value'
    }

    It 'accepts the same change from a fresh diff, and refuses a row whose change the diff no longer holds (stale)' {
        $again = @(Get-TitanHstDiff -Contract $script:district.ContractPath -WarningAction SilentlyContinue)
        $again[0].DiffId | Should -Not -Be $script:diff[0].DiffId
        $marked = $script:rows | ForEach-Object { $r = $_.PSObject.Copy(); if ($r.ExternalId -in $script:pick.ExternalId) { $r.Approve = 'yes' }; $r }
        $path = Save-Reviewed $marked 'fresh.csv'
        @(Import-TitanHstReview -Path $path -Diff $again).Count | Should -Be 3
        $without = @($again | Where-Object ExternalId -ne $script:pick[1].ExternalId)
        $stop = $null
        try { Import-TitanHstReview -Path $path -Diff $without -ErrorVariable stale -ErrorAction SilentlyContinue } catch { $stop = $_ }
        $stop.FullyQualifiedErrorId | Should -Be 'ReviewRefused,Aether.TitanHst.PowerShell.Review.ImportTitanHstReviewCommand'
        ($stale | Where-Object { $_ -is [Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like 'ReviewRowStale,*' }).Exception.Message | Should -Match 'no longer holds a change'
    }

    It 'refuses an Approve cell that is neither yes nor no' {
        $marked = $script:rows | ForEach-Object { $r = $_.PSObject.Copy(); if ($r.ExternalId -eq $script:pick[0].ExternalId) { $r.Approve = 'maybe' }; $r }
        $stop = $null
        try { Import-TitanHstReview -Path (Save-Reviewed $marked 'maybe.csv') -Diff $script:diff -ErrorVariable bad -ErrorAction SilentlyContinue } catch { $stop = $_ }
        $stop | Should -Not -BeNullOrEmpty
        @($bad | Where-Object { $_ -is [Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like 'ReviewApproveInvalid,*' }).Count | Should -Be 1
    }
}

Describe 'Export-TitanHstPlan with what is not a change' {
    It 'says exactly what to pipe instead of Import-Csv rows of a review sheet' {
        { Import-Csv -LiteralPath $script:sheet | Export-TitanHstPlan -Path (Join-Path $TestDrive 'csv.plan.json') } |
            Should -Throw -ErrorId 'ReviewRowsNotChanges,Aether.TitanHst.PowerShell.Plan.ExportTitanHstPlanCommand' -ExpectedMessage '*Import-TitanHstReview -Path*-Diff $diff | Export-TitanHstPlan*'
    }

    It 'refuses with OutputNotWritable, never a raw exception naming a .partial file, when the folder is a file' {
        $blocker = Join-Path $TestDrive 'a-file'
        Set-Content -LiteralPath $blocker -Value 'x'
        $err = $null
        try { $script:diff | Select-Object -First 1 | Export-TitanHstPlan -Path (Join-Path $blocker 'plan.json') -Confirm:$false } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'OutputNotWritable,Aether.TitanHst.PowerShell.Plan.ExportTitanHstPlanCommand'
        $err.ToString() | Should -Not -Match '\.partial'
    }
}

Describe 'The report of a run from a reviewed plan' {
    It 'lists the conflicts the plan left out, and never says "No conflicts" when validation counted one' {
        $marked = $script:rows | ForEach-Object { $r = $_.PSObject.Copy(); if ($r.ExternalId -in $script:pick.ExternalId -and $r.Action -in $script:pick.Action) { $r.Approve = 'yes' }; $r }
        $plan = Import-TitanHstReview -Path (Save-Reviewed $marked 'for-report.csv') -Diff $script:diff |
            Export-TitanHstPlan -Path (Join-Path $TestDrive 'report/reviewed.plan.json') -Confirm:$false
        $conflict = $script:diff | Where-Object Action -eq Conflict | Select-Object -First 1
        $conflict | Should -Not -BeNullOrEmpty -Because 'the sample district plants a conflict'
        $plan.Changes.ExternalId | Should -Not -Contain $conflict.ExternalId
        $run = @(Invoke-TitanHstApply -PlanPath $plan.Path -Contract $script:district.ContractPath -Confirm:$false -WarningAction SilentlyContinue)[-1]
        $validation = Test-TitanHstSync -Contract $script:district.ContractPath -WarningAction SilentlyContinue
        $validation.Conflict | Should -BeGreaterThan 0
        foreach ($format in 'Html', 'Markdown') {
            $path = Join-Path $TestDrive "reports/new/report.$format"
            Export-TitanHstReport -Run $run.RunId -Path $path -Format $format -Contract $script:district.ContractPath -Validation $validation -Confirm:$false | Out-Null
            $text = Get-Content -Raw -LiteralPath $path
            $text | Should -Not -Match 'No conflicts\.'
            $text | Should -Match ([regex]::Escape($conflict.ExternalId)) -Because 'the standing conflict is listed though the plan left it out'
        }
    }
}
