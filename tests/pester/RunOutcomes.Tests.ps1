# Runs that say what happened and what to do next: Ctrl+C names the resume, declined confirmations are counted,
# a plan or an unfinished run's changes are never applied twice, TargetBusy names its holder, -WhatIf previews a refusal.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/AnswerHost.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 200 -Seed 23
    $script:contract = Import-MappingContract $script:district.ContractPath
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential

    function Get-FreshDiff { @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue) }
    function Get-SafeChange {
        # Changes the gate lets through without an override: not blocked, not held back, not a conflict.
        param([int] $Count)
        @(Get-FreshDiff | Where-Object { -not $_.Blocked -and $_.Action -in 'Create', 'Update' } | Select-Object -First $Count)
    }
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Apply runs that say what to do next' {
    BeforeEach {
        Set-EmulatorConfig $script:emulator @{ faultRate = 0; rateLimit = 0 }
        Reset-Emulator $script:emulator
    }

    It 'Ctrl+C ends with a warning naming the run and its resume command; meanwhile TargetBusy names the holder, and the run''s changes are not claimed twice' {
        $diff = Get-FreshDiff
        # A second diff of the same data (another DiffId): its apply meets the lock, not the first run's claim.
        $fresh = Get-FreshDiff
        Set-EmulatorConfig $script:emulator @{ faultRate = 1; faultMix = 'slow=1'; slowMs = 700 }
        # The apply runs in a runspace of this process (it shares the session's connection); Stop() is Ctrl+C.
        $session = New-AnswerRunspace -ModulePath (Get-BuiltModulePath)
        $output = [Management.Automation.PSDataCollection[psobject]]::new()
        try {
            $null = $session.Shell.AddCommand('Invoke-TitanHstApply').AddParameter('InputObject', $diff).
                AddParameter('AllowRoleChange').AddParameter('Override').AddParameter('Reason', 'ctrl+c test').AddParameter('ThrottleLimit', 1).AddParameter('Confirm', $false)
            # No pipeline input: the input collection is closed at once, or the command would wait for it.
            $noInput = [Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete()
            $async = $session.Shell.BeginInvoke($noInput, $output)
            $deadline = (Get-Date).AddSeconds(60)
            while ($output.Count -lt 3 -and -not $async.IsCompleted -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            # (Never enumerate the runspace's streams here: a PSDataCollection's enumerator waits for the pipeline's end.)
            $output.Count | Should -BeGreaterOrEqual 3 -Because "the run should be under way ($($session.Shell.InvocationStateInfo.State))"
            $runId = $output[0].RunId

            # Another apply of a fresh diff meets the lock, and is told who holds it since when.
            $busy = $null
            try { $fresh | Invoke-TitanHstApply -AllowRoleChange -Override -Reason 'second' -Confirm:$false } catch { $busy = $_ }
            $busy.FullyQualifiedErrorId | Should -Be 'TargetBusy,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
            $busy.Exception.Message | Should -Match "run $runId, process $PID, since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ"
            $busy.ErrorDetails.RecommendedAction | Should -Match 'Get-TitanHstRun'

            $session.Shell.Stop()
        }
        finally {
            if ($session.Shell.InvocationStateInfo.State -eq 'Running') { $session.Shell.Stop() }
            $session.Shell.Dispose()
            $session.Runspace.Dispose()
            Set-EmulatorConfig $script:emulator @{ faultRate = 0 }
        }

        $warning = $session.Host.Answers.Warnings -join "`n"
        $warning | Should -Match "Stopped: apply run $runId was interrupted with \d+ change\(s\) pending"
        $warning | Should -Match "Invoke-TitanHstApply -Resume $runId"
        $run = Get-TitanHstRun -RunId $runId
        "$($run.Status)" | Should -Be 'Interrupted'
        $run.NextCommand | Should -Be "Invoke-TitanHstApply -Resume $runId"
        (Get-TitanHstAuditLog -RunId $runId -Kind RunEnd).Outcome | Should -Be 'Interrupted'

        # The same diff's changes belong to the unfinished run: a second run is refused, naming it.
        $claimed = $null
        try { $diff | Invoke-TitanHstApply -AllowRoleChange -Override -Reason 'again' -Confirm:$false } catch { $claimed = $_ }
        $claimed.FullyQualifiedErrorId | Should -Be 'ChangesClaimedByRun,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        $claimed.Exception.Message | Should -Match "run $runId .*Invoke-TitanHstApply -Resume $runId"

        $after = @(Invoke-TitanHstApply -Resume $runId -Confirm:$false)[-1]
        $after.Pending | Should -Be 0
        Test-TitanHstAuditLog -Quiet | Should -BeTrue
    }

    It 'counts changes answered No or No to All at -Confirm as Declined, in the run and the audit; a run all declined is still recorded' {
        $changes = Get-SafeChange -Count 4
        $changes.Count | Should -Be 4
        $session = New-AnswerRunspace -ModulePath (Get-BuiltModulePath) -Answer 'Yes', 'No', 'No to All'
        try {
            $null = $session.Shell.AddCommand('Invoke-TitanHstApply').AddParameter('InputObject', $changes).AddParameter('AllowRoleChange').AddParameter('Confirm', $true)
            $result = @($session.Shell.Invoke())
            $session.Shell.Streams.Error | Should -BeNullOrEmpty
        }
        finally { $session.Shell.Dispose(); $session.Runspace.Dispose() }

        $session.Host.Answers.Prompts.Count | Should -Be 3 -Because 'No to All answers for the rest'
        $summary = $result[-1]
        $summary.Succeeded | Should -Be 1
        $summary.Declined | Should -Be 3
        $summary.Succeeded + $summary.Declined + $summary.Skipped + $summary.Failed + $summary.Stale + $summary.Pending | Should -Be $changes.Count
        "$($summary.Status)" | Should -Be 'Completed'
        @($result | Where-Object { $_.PSObject.TypeNames[0] -eq 'Aether.TitanHst.Apply.ChangeOutcome' -and "$($_.Outcome)" -eq 'Declined' }).Count | Should -Be 3
        @(Get-TitanHstAuditLog -RunId $summary.RunId -Kind Outcome | Where-Object Outcome -eq 'Declined').Count | Should -Be 3
        Test-TitanHstAuditLog -Quiet | Should -BeTrue -Because 'the audit verifies with Declined entries in it'

        $rest = @(Get-SafeChange -Count 2)
        $session = New-AnswerRunspace -ModulePath (Get-BuiltModulePath) -Answer 'No to All'
        try {
            $null = $session.Shell.AddCommand('Invoke-TitanHstApply').AddParameter('InputObject', $rest).AddParameter('AllowRoleChange').AddParameter('Confirm', $true)
            $declined = @($session.Shell.Invoke())[-1]
        }
        finally { $session.Shell.Dispose(); $session.Runspace.Dispose() }
        "$($declined.Status)" | Should -Be 'Declined'
        $declined.Declined | Should -Be 2
        "$((Get-TitanHstRun -RunId $declined.RunId).Status)" | Should -Be 'Declined'
    }

    It 'refuses to apply a plan a second time, naming the first run' {
        $plan = Join-Path $TestDrive 'twice.json'
        Get-SafeChange -Count 3 | Export-TitanHstPlan -Path $plan -Force | Out-Null
        $first = @(Invoke-TitanHstApply -PlanPath $plan -AllowRoleChange -Confirm:$false)[-1]
        $first.Succeeded | Should -Be 3
        $second = $null
        try { Invoke-TitanHstApply -PlanPath $plan -AllowRoleChange -Confirm:$false } catch { $second = $_ }
        $second.FullyQualifiedErrorId | Should -Be 'PlanAlreadyApplied,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
        $second.Exception.Message | Should -Match "applied already by run $($first.RunId) \(Completed"
        @(Get-TitanHstRun | Where-Object PlanHash -eq $first.PlanHash).Count | Should -Be 1
    }

    It '-WhatIf on a blocked diff previews what would be refused and why, and what would run, instead of failing' {
        $diff = Get-FreshDiff
        @($diff | Where-Object Blocked).Count | Should -BeGreaterThan 0 -Because 'the sample contract blocks role changes'
        $transcript = Join-Path $TestDrive 'whatif-blocked.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { $diff | Invoke-TitanHstApply -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue } finally { Stop-Transcript | Out-Null }
        $text = Get-Content -Raw $transcript
        $text | Should -Match 'REFUSED \(blocked \(.+\); needs -Override -Reason\), would not make: PATCH /api/v1/staff/stf_\w+'
        $text | Should -Match 'What if: Performing the operation "POST /api/v1/staff with an Idempotency-Key'
        ($warnings -join ' ') | Should -Match 'would be refused \(DiffBlocked\).* \d+ change\(s\) marked REFUSED .* the other \d+ would run'
        @(Get-TitanHstRun | Where-Object DiffId -eq $diff[0].DiffId) | Should -BeNullOrEmpty -Because '-WhatIf starts no run'
        (Get-FreshDiff).Count | Should -Be $diff.Count -Because 'nothing was applied'
    }

    It 'a command after the apply that stops reading (Select-Object -First 1) gets its object, the script goes on, and the run finishes with no "interrupted" warning' {
        # A scheduled script, as the audit found it: the first outcome went to the console, the rest of the script
        # silently did not run, and pwsh still exited 0.
        $applicable = @(Get-FreshDiff | Where-Object IsApplicable)
        $applicable.Count | Should -BeGreaterThan 10
        $credential = $script:emulator.Credential
        $result = Join-Path $TestDrive 'first.json'
        $script = Join-Path $TestDrive 'scheduled.ps1'
        Set-Content -Path $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-BuiltModulePath)'
`$secret = ConvertTo-SecureString `$env:TITANHST_TEST_SECRET -AsPlainText -Force
Connect-TitanHst -BaseUri '$($script:emulator.BaseUri)' -Credential ([pscredential]::new('$($credential.UserName)', `$secret))
`$c = Import-MappingContract '$($script:district.ContractPath)'
`$first = Get-TitanHstDiff -Contract `$c -WarningAction SilentlyContinue | Where-Object IsApplicable | Invoke-TitanHstApply -Contract `$c -Confirm:`$false | Select-Object -First 1
[pscustomobject]@{ Type = `$first.PSObject.TypeNames[0]; RunId = `$first.RunId } | ConvertTo-Json | Set-Content '$result'
"@
        # pwsh -File, as a scheduler runs it; what it writes to the console is read back.
        $info = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $script) { $info.ArgumentList.Add($a) }
        $info.Environment['TITANHST_TEST_SECRET'] = $credential.GetNetworkCredential().Password
        $info.Environment['NO_COLOR'] = '1'
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $child = [Diagnostics.Process]::Start($info)
        try {
            $out = $child.StandardOutput.ReadToEndAsync()
            $err = $child.StandardError.ReadToEndAsync()
            $child.WaitForExit(180000) | Should -BeTrue -Because 'the script should end'
        }
        finally { if (-not $child.HasExited) { $child.Kill() } }
        $console = $out.Result + $err.Result
        $child.ExitCode | Should -Be 0 -Because $console
        Test-Path $result | Should -BeTrue -Because "the script goes on after the pipeline ($console)"
        $first = Get-Content -Raw $result | ConvertFrom-Json
        $first.Type | Should -Be 'Aether.TitanHst.Apply.ChangeOutcome' -Because '$first holds the object Select-Object took'
        $run = Get-TitanHstRun -RunId $first.RunId
        "$($run.Status)" | Should -Be 'Completed' -Because 'a command that stops reading does not interrupt the apply'
        $run.Pending | Should -Be 0
        $run.Succeeded + $run.Skipped | Should -Be $applicable.Count
        (Get-TitanHstAuditLog -RunId $first.RunId -Kind RunEnd).Outcome | Should -Be 'Completed'
        $console | Should -Not -Match 'interrupted|Resume' -Because 'nothing was interrupted'
    }

    It 'a terminating error in a command after the apply reaches the caller''s catch; the run finishes and no "interrupted" warning is claimed' {
        $changes = Get-SafeChange -Count 6
        $session = New-AnswerRunspace -ModulePath (Get-BuiltModulePath)
        try {
            $null = $session.Shell.AddScript('param($changes) try { $changes | Invoke-TitanHstApply -Confirm:$false | ForEach-Object { throw "downstream failed" }; "not caught" } catch { "caught: $_" }').AddArgument($changes)
            $said = @($session.Shell.Invoke())
        }
        finally { $session.Shell.Dispose(); $session.Runspace.Dispose() }
        $said | Should -Be 'caught: downstream failed'
        ($session.Host.Answers.Warnings -join "`n") | Should -Not -Match 'interrupted|Resume'
        $run = Get-TitanHstRun | Where-Object DiffId -eq $changes[0].DiffId | Select-Object -First 1
        "$($run.Status)" | Should -Be 'Completed'
        $run.Succeeded | Should -Be 6
    }
}
