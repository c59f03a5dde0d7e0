# One operating profile (docs/decisions/0018): the scheduled task and the person at the console use the same runs
# folder, audit chain, connection and throttle, so a run the scheduler started is found, resumed and audited in one place.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 150 -Seed 41
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Resolve-PlantedPrimaryConflict -DistrictPath $script:district.Path
    # The sample contract blocks every role change; this district trusts its role mapping.
    $contractPath = Join-Path $script:district.Path 'contract.jsonc'
    (Get-Content -Raw $contractPath) -replace '"roleChange": \{ "maxCount": \d+ \}', '"roleChange": { "maxCount": 50 }' | Set-Content -NoNewline $contractPath

    $script:config = Join-Path $script:district.Path 'titanhst.config.jsonc'
    @{
        configFormat = 1; version = '2.0.0'; contract = './contract.jsonc'
        titanHst = @{ baseUri = "$($script:emulator.BaseUri)"; clientId = $script:emulator.Credential.UserName }
        apply = @{ allowRoleChange = $true; throttleLimit = 2 }
        runs = @{ folder = './ops/runs' }; audit = @{ folder = './ops/audit' }; reports = @{ folder = './ops/reports' }
    } | ConvertTo-Json -Depth 5 | Set-Content $script:config
    $script:runsFolder = Join-Path $script:district.Path 'ops/runs'
    $script:auditFolder = Join-Path $script:district.Path 'ops/audit'
    $script:secret = $script:emulator.Credential.GetNetworkCredential().Password

    function Get-EnvironmentAudit {
        # The chain a session without the profile writes to (AETHER_TITANHST_AUDIT); empty when it was never written.
        param([string] $RunId)
        if (-not (Test-Path $env:AETHER_TITANHST_AUDIT)) { return @() }
        $query = @{ Path = $env:AETHER_TITANHST_AUDIT }
        if ($RunId) { $query.RunId = $RunId }
        @(Get-TitanHstAuditLog @query)
    }
}

AfterAll {
    Disconnect-TitanHst -ErrorAction SilentlyContinue
    Remove-Item Env:TITANHST_CLIENT_SECRET, Env:AETHER_TITANHST_CONFIG -ErrorAction SilentlyContinue
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'One operating profile' {
    It 'a scheduled run cut by an outage says its RunId, what is pending and how to resume; resumed interactively it stays in one audit chain' {
        # Slow calls, so the outage surely comes mid-apply.
        Set-EmulatorConfig $script:emulator @{ faultRate = 1; faultMix = 'slow=1'; slowMs = 250 }
        $script = Join-Path (Split-Path (Get-BuiltModulePath)) 'scripts/Invoke-TitanHstScheduledSync.ps1'
        $log = Join-Path $TestDrive 'scheduled.log'
        $child = Start-ChildPwsh -Environment @{ TITANHST_CLIENT_SECRET = $script:secret } -Script "& '$script' -ConfigPath '$($script:config)' *> '$log'; exit `$LASTEXITCODE"
        try {
            $deadline = (Get-Date).AddSeconds(120)
            do {
                Start-Sleep -Milliseconds 200
                $journal = Get-ChildItem $script:runsFolder -Directory -ErrorAction SilentlyContinue |
                    ForEach-Object { Get-Item (Join-Path $_.FullName 'journal.jsonl') -ErrorAction SilentlyContinue } |
                    Where-Object { @(Get-Content $_.FullName | Select-String '"phase":"outcome"').Count -ge 4 } | Select-Object -First 1
            } until ($journal -or (Get-Date) -gt $deadline -or $child.HasExited)
            $journal | Should -Not -BeNullOrEmpty -Because "the scheduled run should be applying (log: $(Get-Content -Raw $log -ErrorAction SilentlyContinue))"
            # The outage: TitanHST answers 503 to everything.
            Set-EmulatorConfig $script:emulator @{ faultRate = 1; faultMix = '503=1' }
            $child.WaitForExit(180000) | Should -BeTrue
        }
        finally {
            if (-not $child.HasExited) { $child.Kill() }
            Set-EmulatorConfig $script:emulator @{ faultRate = 0 }
        }

        $runId = Split-Path -Leaf (Split-Path -Parent $journal.FullName)
        $output = Get-Content -Raw $log
        $child.ExitCode | Should -Be 3 -Because $output
        $output | Should -Match "titanhst-sync: Failed, exit code 3, run $runId, \d+ pending, next: Invoke-TitanHstApply -Resume $runId"
        $output | Should -Match "Run $runId stopped: .*\d+ change\(s\) pending"
        # The report's "how to verify" commands start under the run's profile.
        Get-Content -Raw (Join-Path $script:district.Path "ops/reports/report-$runId.html") | Should -Match 'Connect-TitanHst -ConfigPath'

        # At the console, under the same profile: the run is found, resumed, and its audit is one chain.
        $env:TITANHST_CLIENT_SECRET = $script:secret
        $connection = Connect-TitanHst -ConfigPath $script:config -PassThru -Verbose 4>&1 | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        $connection.Profile.RunsFolder | Should -Be $script:runsFolder
        $connection.Profile.AuditFolder | Should -Be $script:auditFolder
        "$($connection.Profile.Source)" | Should -Be 'Session'

        $run = Get-TitanHstRun -RunId $runId
        $run | Should -Not -BeNullOrEmpty -Because 'Get-TitanHstRun looks in the profile''s runs folder'
        $run.Pending | Should -BeGreaterThan 0
        $run.NextCommand | Should -Be "Invoke-TitanHstApply -Resume $runId"
        $run.AuditFolder | Should -Be $script:auditFolder
        $run.ConfigPath | Should -Be $script:config

        $resumed = @(Invoke-TitanHstApply -Resume $runId -Confirm:$false)[-1]
        $resumed.Pending | Should -Be 0
        "$((Get-TitanHstRun -RunId $runId).Status)" | Should -BeIn 'Completed', 'CompletedWithFailures'

        Test-TitanHstAuditLog -Quiet | Should -BeTrue -Because 'the profile''s chain verifies'
        (Test-TitanHstAuditLog -Summary).Folder | Should -Be $script:auditFolder
        $entries = @(Get-TitanHstAuditLog -RunId $runId)
        @($entries | Where-Object Kind -eq 'RunStart').Count | Should -Be 2 -Because 'the scheduled start and the interactive resume are in the same chain'
        @(Get-EnvironmentAudit -RunId $runId) | Should -BeNullOrEmpty -Because 'no entry of the run went to another chain'
        Disconnect-TitanHst
    }

    It 'refuses to resume a run into another audit chain, naming the run''s own' {
        $run = Get-ChildItem $script:runsFolder -Directory | Select-Object -First 1
        # A session without the profile: the environment's folders; the run is found by -JournalPath, its chain is elsewhere.
        Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
        try {
            $before = @(Get-EnvironmentAudit).Count
            { Invoke-TitanHstApply -Resume $run.Name -JournalPath $script:runsFolder -Confirm:$false } |
                Should -Throw -ErrorId 'AuditChainMismatch,Aether.TitanHst.PowerShell.Apply.InvokeTitanHstApplyCommand'
            $err = $null
            try { Invoke-TitanHstApply -Resume $run.Name -JournalPath $script:runsFolder -Confirm:$false } catch { $err = $_ }
            $err.Exception.Message | Should -Match ([regex]::Escape($script:auditFolder))
            $err.ErrorDetails.RecommendedAction | Should -Match 'operating profile'
            @(Get-EnvironmentAudit).Count | Should -Be $before
        }
        finally { Disconnect-TitanHst }
    }

    It 'AETHER_TITANHST_CONFIG makes the configuration every command''s default, connection included' {
        $env:AETHER_TITANHST_CONFIG = $script:config
        $env:TITANHST_CLIENT_SECRET = $script:secret
        try {
            $verbose = Get-TitanHstRun -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
            ($verbose.Message -join "`n") | Should -Match ([regex]::Escape("Operating profile: $($script:config)"))
            ($verbose.Message -join "`n") | Should -Match 'AETHER_TITANHST_CONFIG'
            @(Get-TitanHstRun).Count | Should -BeGreaterThan 0 -Because 'the scheduled runs are in the configuration''s runs folder'
            (Test-TitanHstAuditLog -Summary).Folder | Should -Be $script:auditFolder
            # No Connect-TitanHst: the configuration's connection is made on first use.
            @(Get-TitanHstReference -Kind Role).Count | Should -BeGreaterThan 0
        }
        finally {
            Remove-Item Env:AETHER_TITANHST_CONFIG, Env:TITANHST_CLIENT_SECRET
            Disconnect-TitanHst -ErrorAction SilentlyContinue
        }

        # Without it, the environment's folders again.
        (Get-TitanHstRun -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Match 'no connector configuration'
    }
}
