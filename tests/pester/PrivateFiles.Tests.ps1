#Requires -Modules Pester
# Every file the module writes that can hold personal data is owner-only on POSIX (folders 0700, files 0600): runs
# a demo-like flow (sample district, diff, plan, apply, snapshot, report, audit) into private folders and walks them.

BeforeDiscovery {
    $script:posix = -not $IsWindows
}

Describe 'Private files' -Skip:(-not $script:posix) {
    BeforeAll {
        Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
        Import-Module (Get-BuiltModulePath) -Force
        $script:saved = @{}
        foreach ($name in 'AETHER_TITANHST_AUDIT', 'AETHER_TITANHST_RUNS', 'AETHER_TITANHST_KEYS') { $script:saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $env:AETHER_TITANHST_AUDIT = Join-Path $TestDrive 'audit'
        $env:AETHER_TITANHST_RUNS = Join-Path $TestDrive 'runs'
        $env:AETHER_TITANHST_KEYS = Join-Path $TestDrive 'keys'

        # An audit folder left world-readable by an older version, with a readable month file: it must be tightened.
        New-Item -ItemType Directory $env:AETHER_TITANHST_AUDIT | Out-Null
        Copy-Item (Join-Path (Get-RepoRoot) 'tests/fixtures/audit/*') $env:AETHER_TITANHST_AUDIT
        [IO.File]::SetUnixFileMode($env:AETHER_TITANHST_AUDIT, [IO.UnixFileMode]'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute, OtherRead, OtherExecute')
        Get-ChildItem $env:AETHER_TITANHST_AUDIT -File | ForEach-Object { [IO.File]::SetUnixFileMode($_.FullName, [IO.UnixFileMode]'UserRead, UserWrite, GroupRead, OtherRead') }

        $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 60 -Seed 7
        $contract = Import-MappingContract $script:district.ContractPath
        $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
        Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
        $script:out = Join-Path $TestDrive 'out'
        New-Item -ItemType Directory $script:out | Out-Null

        $diff = @(Get-TitanHstDiff -Contract $contract -WarningAction SilentlyContinue)
        $plan = Join-Path $script:out 'plan.json'
        $null = $diff | Export-TitanHstPlan -Path $plan
        $outcomes = @(Invoke-TitanHstApply -PlanPath $plan -Contract $contract -AllowRoleChange -Override -Reason 'Pester: private files' -Confirm:$false)
        $script:runId = $outcomes[-1].RunId
        Get-TitanHstStaff -IncludeInactive -OutFile (Join-Path $script:out 'snapshot.jsonl')
        Export-TitanHstReport -Run $script:runId -Path (Join-Path $script:out 'report.html') -Contract $contract -Confirm:$false | Out-Null

        function Get-OpenToOthers {
            # Everything under the given roots (and the roots themselves) that group or others can read, write or enter.
            param([string[]] $Root)
            $items = foreach ($r in $Root) { Get-Item $r; Get-ChildItem $r -Recurse -Force }
            foreach ($item in $items) {
                $mode = [IO.File]::GetUnixFileMode($item.FullName)
                if ($mode -band [IO.UnixFileMode]'GroupRead, GroupWrite, GroupExecute, OtherRead, OtherWrite, OtherExecute') {
                    '{0} {1}' -f $mode, $item.FullName
                }
            }
        }
    }

    AfterAll {
        Disconnect-TitanHst
        if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
        foreach ($name in $script:saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:saved[$name]) }
    }

    It 'the flow ran: a run folder, a plan, a snapshot and a report exist' {
        Test-Path (Join-Path $env:AETHER_TITANHST_RUNS $script:runId) | Should -BeTrue
        Get-ChildItem $script:out -File | ForEach-Object Name | Sort-Object | Should -Be @('plan.json', 'report.html', 'snapshot.jsonl')
    }

    It 'keeps run folders, journals and their plans owner-only' {
        Get-OpenToOthers $env:AETHER_TITANHST_RUNS | Should -BeNullOrEmpty
    }

    It 'keeps plan files, snapshots and reports owner-only' {
        Get-OpenToOthers (Get-ChildItem $script:out -File).FullName | Should -BeNullOrEmpty
    }

    It 'tightens an existing audit folder and keeps its files, checkpoints included, owner-only' {
        Get-OpenToOthers $env:AETHER_TITANHST_AUDIT | Should -BeNullOrEmpty
        [IO.File]::GetUnixFileMode($env:AETHER_TITANHST_AUDIT) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        Test-Path (Join-Path $env:AETHER_TITANHST_AUDIT 'checkpoints.jsonl') | Should -BeTrue
    }

    It 'keeps the installation key owner-only' {
        Get-OpenToOthers $env:AETHER_TITANHST_KEYS | Should -BeNullOrEmpty
    }

    It 'keeps the sample district exports owner-only' {
        Get-OpenToOthers (Get-ChildItem $script:district.Path -Recurse -File -Include '*.csv', '*seed*.json').FullName | Should -BeNullOrEmpty
    }
}
