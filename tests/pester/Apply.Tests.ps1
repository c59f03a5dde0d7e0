BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 200 -Seed 21
    $script:contract = Import-MappingContract $script:district.ContractPath
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
    $script:seedCount = @((Get-Content -Raw (Join-Path $script:district.Path 'titanhst-seed.json') | ConvertFrom-Json).staff).Count

    function Get-FreshDiff { @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue) }
    function Assert-InSync {
        param([int] $Creates)
        $left = @(Get-FreshDiff)
        ($left | Where-Object Action -ne Conflict) | Should -BeNullOrEmpty -Because 'everything but conflicts was applied'
        $staff = @(Get-TitanHstStaff -IncludeInactive)
        $staff.Count | Should -Be ($script:seedCount + $Creates) -Because 'no record was created twice'
        @($staff | Where-Object ExternalId | Group-Object ExternalId | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        Test-TitanHstAuditLog -Quiet | Should -BeTrue
    }
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Invoke-TitanHstApply' {
    BeforeEach {
        Set-EmulatorConfig $script:emulator @{ faultRate = 0; rateLimit = 0 }
        Reset-Emulator $script:emulator
        $script:diff = Get-FreshDiff
    }

    It 'refuses a blocked diff, and role changes and overrides without their switches' {
        { $script:diff | Invoke-TitanHstApply -Confirm:$false } |
            Should -Throw -ErrorId 'DiffBlocked,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        $blockedPlan = Join-Path $TestDrive 'blocked.json'
        $script:diff | Export-TitanHstPlan -Path $blockedPlan -Force | Out-Null
        { Invoke-TitanHstApply -PlanPath $blockedPlan -Confirm:$false } |
            Should -Throw -ErrorId 'DiffBlocked,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        { $script:diff | Invoke-TitanHstApply -Override -Reason 'ok' -Confirm:$false } |
            Should -Throw -ErrorId 'RoleChangeNotAllowed,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        { $script:diff | Invoke-TitanHstApply -Override -AllowRoleChange -Confirm:$false } |
            Should -Throw -ErrorId 'OverrideNeedsReason,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        (Get-FreshDiff).Count | Should -Be $script:diff.Count -Because 'nothing was applied'
    }

    It 'changes nothing with -WhatIf, and says which call each change would make' {
        # What-if lines go to the host, not to a stream, so a transcript is what captures them.
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { $script:diff | Where-Object { -not $_.Blocked } | Invoke-TitanHstApply -WhatIf } finally { Stop-Transcript | Out-Null }
        $whatIf = Get-Content -Raw $transcript
        $whatIf | Should -Match 'PATCH /api/v1/staff/stf_\w+ If-Match "\d+": sets \w+'
        $whatIf | Should -Match 'POST /api/v1/staff with an Idempotency-Key: externalId \d+'
        $whatIf | Should -Match 'POST /api/v1/staff/stf_\w+/deactivate If-Match'
        # The target names the change by its key only: names are pii and never appear in messages (a -Verbose
        # transcript of a scheduled run holds the same text).
        $whatIf | Should -Match 'on target "Update \d+"'
        foreach ($name in @($script:diff | Where-Object DisplayName | Select-Object -ExpandProperty DisplayName -First 20)) {
            $whatIf | Should -Not -Match ([regex]::Escape($name))
        }
        ((Get-FreshDiff) | ForEach-Object { "$($_.Action) $($_.ExternalId)" }) | Should -Be ($script:diff | ForEach-Object { "$($_.Action) $($_.ExternalId)" })
    }

    It 'applies the whole sample district from a plan, after which only conflicts remain' {
        $plan = Join-Path $TestDrive 'full.json'
        $saved = $script:diff | Export-TitanHstPlan -Path $plan
        $outcomes = @(Invoke-TitanHstApply -PlanPath $plan -Contract $script:contract -AllowRoleChange -Override -Reason 'Pester: reviewed' -Confirm:$false)
        $summary = $outcomes[-1]
        $summary.PSObject.TypeNames[0] | Should -Be 'Aether.TitanHst.Apply.ApplyRunSummary'
        $summary.Failed | Should -Be 0
        $summary.Pending | Should -Be 0
        $summary.Skipped | Should -Be $script:district.Counts['TargetConflicts']
        $summary.Succeeded | Should -Be ($script:diff.Count - $summary.Skipped)
        Assert-InSync -Creates $script:district.Counts['TargetCreates']
        $validation = Test-TitanHstSync -Contract $script:contract -WarningAction SilentlyContinue
        $validation.Passed | Should -BeTrue
        $validation.Remaining.Count | Should -Be 0
        $validation.SpotCheckMismatches | Should -BeNullOrEmpty

        $entries = @(Get-TitanHstAuditLog -RunId $summary.RunId)
        ($entries | Where-Object Kind -eq 'Override').Reason | Should -Be 'Pester: reviewed'
        @($entries | Where-Object Kind -eq 'Outcome').Count | Should -Be $script:diff.Count
        ($entries | Where-Object Kind -eq 'Action' | Select-Object -First 1).PlanHash | Should -Be $saved.Hash
    }

    It 'reports Stale, without overwriting, for a record changed in TitanHST since the diff' {
        $update = $script:diff | Where-Object { $_.Action -eq 'Update' -and -not $_.Blocked } | Select-Object -First 1
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.BaseUri)_emulator/staff/$($update.TargetId)/touch" | Out-Null
        $outcome = @($update | Invoke-TitanHstApply -Confirm:$false)[0]
        "$($outcome.Outcome)" | Should -Be 'Stale'
        $outcome.HttpStatus | Should -Be 412
        (Get-TitanHstStaff -Id $update.TargetId).Version | Should -Be 2 -Because 'only the touch changed it'
    }

    It 'retries 429, 5xx and dropped connections and applies every change exactly once' {
        Set-EmulatorConfig $script:emulator @{ faultRate = 0.3; faultMix = '429=2,500=1,503=1,drop=2'; faultSeed = 5 }
        $outcomes = @($script:diff | Invoke-TitanHstApply -AllowRoleChange -Override -Reason 'faults' -ThrottleLimit 4 -Confirm:$false -WarningAction SilentlyContinue)
        Set-EmulatorConfig $script:emulator @{ faultRate = 0 }
        $changeOutcomes = @($outcomes | Where-Object { $_.PSObject.TypeNames[0] -eq 'Aether.TitanHst.Apply.ChangeOutcome' })
        ($changeOutcomes | Measure-Object Attempts -Sum).Sum | Should -BeGreaterThan $changeOutcomes.Count -Because 'faults forced retries'
        # A call that meets a fault on every one of its six attempts fails and stays pending; the resume finishes it.
        $failed = @($changeOutcomes | Where-Object { "$($_.Outcome)" -eq 'Failed' })
        $failed.Count | Should -BeLessOrEqual 2
        if ($failed.Count -gt 0) { Invoke-TitanHstApply -Resume $outcomes[-1].RunId -Confirm:$false | Out-Null }
        Assert-InSync -Creates $script:district.Counts['TargetCreates']
    }

    It 'survives kill -9 part way through, refuses a second apply meanwhile, and resumes without doing anything twice' {
        $plan = Join-Path $TestDrive 'crash.json'
        $script:diff | Export-TitanHstPlan -Path $plan | Out-Null
        # Slow calls, so the run is surely mid-way when it is killed.
        Set-EmulatorConfig $script:emulator @{ faultRate = 1; faultMix = 'slow=1'; slowMs = 300 }
        $credential = $script:emulator.Credential
        $runs = $env:AETHER_TITANHST_RUNS
        $earlierRuns = @(Get-ChildItem $runs -Directory -ErrorAction SilentlyContinue).Name
        $child = Start-ChildPwsh -Environment @{ TITANHST_TEST_SECRET = $credential.GetNetworkCredential().Password } -Script @"
Import-Module '$(Get-BuiltModulePath)'
`$secret = ConvertTo-SecureString `$env:TITANHST_TEST_SECRET -AsPlainText -Force
Connect-TitanHst -BaseUri '$($script:emulator.BaseUri)' -Credential ([pscredential]::new('$($credential.UserName)', `$secret))
Invoke-TitanHstApply -PlanPath '$plan' -AllowRoleChange -Override -Reason 'crash test' -ThrottleLimit 2 -Confirm:`$false | Out-Null
"@
        try {
            $deadline = (Get-Date).AddSeconds(60)
            $journal = $null
            do {
                Start-Sleep -Milliseconds 200
                $journal = Get-ChildItem $runs -Directory -ErrorAction SilentlyContinue | Where-Object Name -notin $earlierRuns |
                    ForEach-Object { Get-Item (Join-Path $_.FullName 'journal.jsonl') -ErrorAction SilentlyContinue } |
                    Where-Object { @(Get-Content $_.FullName | Select-String '"phase":"outcome"').Count -ge 6 } | Select-Object -First 1
            } until ($journal -or (Get-Date) -gt $deadline -or $child.HasExited)
            $journal | Should -Not -BeNullOrEmpty -Because 'the child run should be under way'

            # The run under way holds the target: a second apply is refused at the lock, before it reads anything.
            { $script:diff | Invoke-TitanHstApply -AllowRoleChange -Override -Reason 'second' -Confirm:$false } |
                Should -Throw -ErrorId 'TargetBusy,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        }
        finally {
            $child.Kill()
            $child.WaitForExit()
        }

        Set-EmulatorConfig $script:emulator @{ faultRate = 0 }
        # Killed, it holds no lock, but the same diff's changes still belong to it (decision 0018), checked under the lock.
        { $script:diff | Invoke-TitanHstApply -AllowRoleChange -Override -Reason 'second' -Confirm:$false } |
            Should -Throw -ErrorId 'ChangesClaimedByRun,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        $runId = Split-Path -Leaf (Split-Path -Parent $journal.FullName)
        $before = Get-TitanHstRun -RunId $runId
        $before.Pending | Should -BeGreaterThan 0
        $before.FinishedAt | Should -BeNullOrEmpty

        $resumed = @(Invoke-TitanHstApply -Resume $runId -Confirm:$false)
        $after = $resumed[-1]
        $after.Pending | Should -Be 0
        $after.Failed | Should -Be 0
        $after.Succeeded + $after.Skipped | Should -Be $script:diff.Count
        Assert-InSync -Creates $script:district.Counts['TargetCreates']
    }
}

Describe 'Get-TitanHstRun' {
    It 'lists runs newest first with their summaries' {
        $runs = @(Get-TitanHstRun)
        $runs.Count | Should -BeGreaterThan 0
        ($runs.StartedAt | Sort-Object -Descending) | Should -Be $runs.StartedAt
        @(Get-TitanHstRun -Last 1).Count | Should -Be 1

        # The listing's default view is one line per run under one header; Format-List still shows everything.
        $lines = @((Get-TitanHstRun | Out-String -Width 120) -split '\r?\n' | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^RunId\s+Status\s+StartedAt\s+Ok\s+Fail\s+Stale\s+Skip\s+Pend\s+Contract'
        $lines.Count | Should -Be ($runs.Count + 2)
        (Get-TitanHstRun -Last 1 | Format-List | Out-String) | Should -Match 'PlanHash\s+:'
    }
}

Describe 'Invoke-TitanHstApply refuses what it did not write, and other targets' {
    BeforeEach {
        Set-EmulatorConfig $script:emulator @{ faultRate = 0; rateLimit = 0; instanceId = $null }
        Reset-Emulator $script:emulator
        $script:diff = Get-FreshDiff
    }

    It 'refuses a plan edited and re-hashed, before any write' {
        $plan = Join-Path $TestDrive 'forged.json'
        $script:diff | Export-TitanHstPlan -Path $plan -Force | Out-Null
        $text = Get-Content -Raw $plan
        $content = ($text | ConvertFrom-Json -AsHashtable).plan
        $raw = $text.Substring($text.IndexOf('"plan": ') + 8).TrimEnd("`n").TrimEnd('}').TrimEnd("`n")
        $forged = $raw -replace '"blocked": true', '"blocked": false'
        $hash = 'sha256:' + ([Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($forged)))).ToLowerInvariant()
        # Only the file's own hash (the first); the source files' hashes inside the content stay as they are.
        $text = [regex]::new('"hash": "sha256:[0-9a-f]+"').Replace($text.Replace($raw, $forged), "`"hash`": `"$hash`"", 1)
        [IO.File]::WriteAllText($plan, $text)
        $content.changes.Count | Should -BeGreaterThan 0

        { Import-TitanHstPlan -Path $plan } | Should -Throw -ErrorId 'PlanNotAuthentic,Aether.TitanHst.PowerShell.Plan.ImportTitanHstPlanCommand'
        { Invoke-TitanHstApply -PlanPath $plan -AllowRoleChange -Confirm:$false } |
            Should -Throw -ErrorId 'PlanNotAuthentic,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        (Get-FreshDiff).Count | Should -Be $script:diff.Count -Because 'nothing was applied'
    }

    It 'refuses a plan computed against another TitanHST instance, before any write' {
        $update = @($script:diff | Where-Object { $_.Action -eq 'Update' -and -not $_.Blocked -and "$($_.Risk)" -eq 'None' } | Select-Object -First 1)
        Set-EmulatorConfig $script:emulator @{ instanceId = 'another-tenant' }
        { $update | Invoke-TitanHstApply -Confirm:$false } | Should -Throw -ErrorId 'WrongTarget,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        (Get-TitanHstStaff -Id $update[0].TargetId).Version | Should -Be 1
    }

    It 'resumes run ids only, and lists a damaged run beside the others' {
        { Invoke-TitanHstApply -Resume '../../etc' -Confirm:$false } | Should -Throw -ErrorId 'RunPathInvalid,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        $runs = $env:AETHER_TITANHST_RUNS
        $damaged = Join-Path $runs '20260101-000000-dead00'
        New-Item -ItemType Directory -Force $damaged | Out-Null
        Set-Content -Path (Join-Path $damaged 'run.json') -Value '{"runId":"20260101-000000-dead00","allowDelete":true}'
        Set-Content -Path (Join-Path $damaged 'plan.json') -Value '{}'
        $listed = @(Get-TitanHstRun)
        ($listed | Where-Object RunId -eq '20260101-000000-dead00').Damaged | Should -BeTrue
        @($listed | Where-Object { -not $_.Damaged }).Count | Should -BeGreaterThan 0
        { Invoke-TitanHstApply -Resume '20260101-000000-dead00' -Confirm:$false } | Should -Throw -ErrorId 'RunDamaged,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        Remove-Item -Recurse -Force $damaged
    }
}
