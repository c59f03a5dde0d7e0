# Every example in docs/help/*.md runs here against the emulator, each in its own folder and scope with the
# variables it expects, or is in the skip list below with the reason it cannot run on this machine. An example that
# is neither run nor skipped fails the suite, so new help cannot ship an example nobody ran.

BeforeDiscovery {
    $helpFolder = Join-Path $PSScriptRoot '../../docs/help'
    $script:examples = foreach ($file in Get-ChildItem $helpFolder -Filter '*-*.md' | Sort-Object Name) {
        $text = Get-Content -Raw -LiteralPath $file.FullName
        $cmdlet = $file.BaseName
        # Says: the prose under the block, up to the next heading, for the checks of what an example promises.
        foreach ($m in [regex]::Matches($text, '(?ms)^### Example (\d+): ([^\r\n]*)\r?\n```powershell\r?\n(.*?)\r?\n```(.*?)(?=^#|\z)')) {
            @{ Key = "$cmdlet#$($m.Groups[1].Value)"; Cmdlet = $cmdlet; Title = $m.Groups[2].Value.Trim(); Code = $m.Groups[3].Value; Says = $m.Groups[4].Value.Trim() }
        }
    }
    # Examples with a powershell block that the regex above did not pick up would escape the suite: count them.
    $script:blockCount = @(Get-ChildItem $helpFolder -Filter '*-*.md' | ForEach-Object { [regex]::Matches((Get-Content -Raw $_.FullName), '(?m)^```powershell') }).Count
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force

    # Examples that cannot run on this machine, and why. Anything else runs.
    $windowsServer = 'names a Windows production path (D:\TitanHst, \\fileserver) that does not exist here'
    $secret = 'reads a secret with Get-Secret (Microsoft.PowerShell.SecretManagement and a vault are not installed here)'
    $script:skip = @{
        'Approve-TitanHstPlan#2'        = 'signs with a certificate from a PFX file and asks for its password (Read-Host)'
        'Approve-TitanHstPlan#3'        = 'reads the approvals of Example 1''s plan by another person; Approvals.Tests.ps1 covers the file'
        'Connect-TitanHst#2'            = $secret
        'Connect-TitanHst#3'            = 'connects to a production TitanHST with a stored credential ($prodCredential)'
        'Connect-TitanHst#4'            = $secret
        'Connect-TitanHst#5'            = $windowsServer + '; Profile.Tests.ps1 covers Connect-TitanHst -ConfigPath'
        'Export-TitanHstReport#3'       = $windowsServer
        'Get-TitanHstAuditLog#3'        = $windowsServer
        'Invoke-TitanHstApply#3'        = 'uses Out-GridView, which exists on Windows only'
        'Invoke-TitanHstApply#4'        = 'resumes a run id of the district''s own journal (20261126-020501-a1b2c3); Apply.Tests.ps1 covers -Resume'
        'Invoke-TitanHstSync#1'         = $secret
        'Invoke-TitanHstSync#2'         = $secret
        'New-TitanHstSampleDistrict#3'  = 'writes a million-person district (minutes and gigabytes); bench/ runs that size'
        'Publish-MappingContract#2'     = 'asks a person to confirm (-Confirm), which no one answers here'
        'Remove-TitanHstAuditLog#2'     = $windowsServer
        'Test-TitanHstApiConformance#2' = 'checks a vendor sandbox with a credential it prompts for (Get-Credential)'
        'Test-TitanHstAuditLog#2'       = $windowsServer
        'Test-TitanHstAuditLog#3'       = $windowsServer
        'Test-TitanHstSync#2'           = $windowsServer
    }

    # Examples whose point is a refusal: they must fail with this error id (anything else fails the test).
    $script:expectedError = @{
    }

    # Non-terminating errors an example may write, by id pattern (anything else fails the test). The sample district
    # plants one person whose positions claim two primaries (decision 0011).
    $planted = '^PositionPrimaryConflict,'
    $script:allowedErrors = @{
        'Import-TitanHstSource#1'      = $planted
        'Import-TitanHstSource#2'      = $planted
        'New-TitanHstSampleDistrict#1' = $planted
        'Import-TitanHstSource#3'      = $planted
        'Import-MappingContract#2'     = '^ContractJsonInvalid,' # the broken contract of the folder, collected in $broken
        'Disconnect-TitanHst#2'        = '^NotConnected,'     # the example shows the error a disconnected session gives
        'Get-TitanHstStaff#3'          = '^StaffNotFound,'    # collected on purpose with -ErrorVariable missing
    }

    # Files an example takes as given from an earlier step, made the way the help's other examples make them.
    $plan = { New-Item -ItemType Directory -Force ./plans | Out-Null
        Get-TitanHstDiff -Contract ./district/contract.jsonc -WarningAction SilentlyContinue | Where-Object IsApplicable | Export-TitanHstPlan -Path ./plans/reviewed.plan.json | Out-Null }
    # The contract's next version: the version bumped and one job class moved to another role.
    $v2 = {
        Copy-Item -Recurse ./district ./district-v2
        $contract = './district-v2/contract.jsonc'
        Set-Content -LiteralPath $contract -Value ((Get-Content -Raw -LiteralPath $contract) -replace '"version": "1\.1\.0"', '"version": "1.2.0"') -NoNewline
        $table = './district-v2/mappings/job-class-to-role.csv'
        Set-Content -LiteralPath $table -Value ((Get-Content -Raw -LiteralPath $table) -replace '(?m)^TCH02,TEACHER,', 'TCH02,COUNSELOR,') -NoNewline
    }
    $script:given = @{
        'Compare-TitanHstPlan#2' = $plan
        'Compare-TitanHstPlan#3' = $plan
        'Import-TitanHstPlan#2'  = $plan
        'Import-TitanHstPlan#3'  = $plan
        'Compare-MappingContract#2' = $v2
        'Compare-MappingContract#3' = $v2
        'Import-MappingContract#2' = {
            New-Item -ItemType Directory ./contracts | Out-Null
            Copy-Item -Recurse ./district/* ./contracts
            Set-Content -LiteralPath ./contracts/broken.jsonc -Value '{ "contractFormat": 1, "id": '
        }
        'Import-TitanHstSource#3' = { New-Item -ItemType Directory ./incoming | Out-Null; Copy-Item ./district/exports/hr-employees.csv ./incoming/ }
        # "after an apply": the changes that need no decision are applied first.
        'Test-TitanHstSync#4' = { Get-TitanHstDiff -Contract ./district/contract.jsonc -WarningAction SilentlyContinue | Where-Object IsApplicable |
            Invoke-TitanHstApply -Contract ./district/contract.jsonc -Confirm:$false -WarningAction SilentlyContinue | Out-Null }
        'Import-TitanHstReview#2' = { Get-TitanHstDiff -Contract ./district/contract.jsonc -WarningAction SilentlyContinue | Export-TitanHstReview -Path ./review/review.csv | Out-Null }
    }

    # First examples a reader copies as they stand: the harness gives them nothing (no $contract, $diff or $changes,
    # no file from an earlier step), so each must create what it uses.
    $script:selfContained = 'Approve-TitanHstPlan#1', 'Compare-TitanHstPlan#1', 'Import-TitanHstPlan#1', 'Export-TitanHstReport#1'

    $script:saved = @{}
    foreach ($name in 'AETHER_TITANHST_RUNS', 'AETHER_TITANHST_AUDIT', 'AETHER_TITANHST_KEYS', 'AETHER_TITANHST_LOCKS') {
        $script:saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, (Join-Path $TestDrive ($name.Substring(16).ToLowerInvariant())))
    }

    # One sample district and one emulator for the whole file; each example gets a copy of the district and a reset emulator.
    $script:template = Join-Path $TestDrive 'template'
    New-TitanHstSampleDistrict -Path (Join-Path $script:template 'district') -StaffCount 60 -Seed 11 | Out-Null
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:template 'district/titanhst-seed.json')

    # What an example promises, checked after it ran (in its folder).
    $script:then = @{
        # Excel reads UTF-8 only with a BOM: the help says utf8BOM on PowerShell 7 (UTF8 on 5.1 writes one too).
        'Get-TitanHstDiff#2'       = { [IO.File]::ReadAllBytes((Resolve-Path ./risky-changes.csv))[0..2] -join ',' | Should -Be '239,187,191' }
        'Import-TitanHstReview#1'  = { (Import-TitanHstPlan ./plans/reviewed.plan.json | Measure-Object).Count | Should -BeGreaterThan 0 }
        'Export-TitanHstReview#2'  = { (Import-TitanHstPlan ./plans/reviewed.plan.json | Measure-Object).Count | Should -BeGreaterThan 0 }
        'Compare-MappingContract#2' = { './role-changes.csv' | Should -Exist }
        # The version the prose names is the one New-TitanHstSampleDistrict writes.
        'Import-MappingContract#1'     = { $Says | Should -Match ('Version \(' + [regex]::Escape($contract.Version) + '\)') }
        'Publish-MappingContract#1'    = { $Says | Should -Match ('records version ' + [regex]::Escape($contract.Version) + '\b') }
        'Get-MappingContractHistory#1' = {
            $published = @(Get-MappingContractHistory ./district/contract.jsonc)
            $Says | Should -Match ('version ' + [regex]::Escape($published[-1].Version) + '\b')
        }
        # The prose under these examples states what the sample district (500 staff, seed 1) gives: $Says is that prose.
        'Test-MappingContract#1'   = {
            $warnings = @(Test-MappingContract -Contract $contract | Where-Object Severity -ne 'Information' | ForEach-Object Rule)
            $warnings | Should -Not -BeNullOrEmpty
            foreach ($rule in $warnings) { $Says | Should -Match "\b$rule\b" -Because "$rule is not Information on the sample district" }
        }
        'Import-TitanHstSource#1'  = {
            $Says | Should -Match ('\$staff\.Count is ' + $staff.Count + '\b')
            Import-TitanHstSource -Contract $contract -WarningVariable sourceWarnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null
            $kinds = @($sourceWarnings | ForEach-Object { if ("$_" -match 'conflict rule ''(\w+)''') { $Matches[1] } elseif ("$_" -match '^\d+ (\w+) warnings in all') { $Matches[1] } } | Sort-Object -Unique)
            $kinds | Should -Not -BeNullOrEmpty
            foreach ($kind in $kinds) { $Says | Should -Match "\b$kind\b" -Because "the example warns about $kind" }
        }
        'Get-TitanHstDiff#1'       = {
            $count = @($changes | Where-Object Action -eq 'Conflict').Count
            $words = @{ 1 = 'the conflict'; 2 = 'the two conflicts'; 3 = 'the three conflicts' }
            $Says | Should -Match $words[$count] -Because "the diff has $count conflict(s)"
        }
    }

    # What a person does between two commands of an example ("# ... the reviewer ... saves ..."): in the review
    # sheet, approve the creates that are not blocked, the way Excel saves it (every cell quoted, UTF-8 with BOM).
    $script:reviewer = {
        $rows = @(Import-Csv -LiteralPath ./review/review.csv)
        foreach ($row in $rows) { if ($row.Action -eq 'Create' -and $row.Blocked -eq 'False') { $row.Approve = 'yes' } }
        $rows | Export-Csv -LiteralPath ./review/review.csv -NoTypeInformation -Encoding utf8BOM
    }

    function Invoke-HelpExample([string] $Key, [string] $Code, [string] $Says) {
        $then = $script:then[$Key]
        $given = $script:given[$Key]
        $allowed = $script:allowedErrors[$Key]
        $folder = Join-Path $TestDrive ('ex-' + ($Key -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        if ($Code -notmatch 'New-TitanHstSampleDistrict\s+-Path\s+\./district\b') {
            Copy-Item -Recurse (Join-Path $script:template 'district') (Join-Path $folder 'district')
        }
        Reset-Emulator $script:emulator
        Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential -WriteCredential $script:emulator.Credential
        Push-Location $folder
        $variables = @()
        # The emulators this module has started, by their records (Stop-TitanHstEmulator's own): one an example starts
        # is stopped below even when the example fails before its variables are read.
        $records = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'Aether.TitanHst/emulators'
        $recordedBefore = @(Get-ChildItem -LiteralPath $records -File -ErrorAction SilentlyContinue | ForEach-Object Name)
        try {
            # A "# ... the reviewer ..." line stands for a person's step: the harness takes it.
            $parts = $Code -split '(?m)^# \.\.\. the reviewer[^\n]*\n'
            $example = [scriptblock]::Create($parts[0])
            $after = if ($parts.Count -gt 1) { [scriptblock]::Create($parts[1]) }
            $reviewer = $script:reviewer
            $shared = $script:emulator
            # A child scope per example, holding the variables the help assumes from earlier steps.
            $variables = & {
                if ($given) { & $given }
                # Continue, as at a prompt: every non-terminating error is checked below, so none goes unseen.
                $ErrorActionPreference = 'Continue'
                $ConfirmPreference = 'None'
                $ProgressPreference = 'SilentlyContinue'
                Set-StrictMode -Off   # as at a prompt (strict mode makes PowerShell's own FileInfo view write errors)
                $emulator = $shared
                # Nothing here answers a prompt: an example that asks for input fails at once instead of hanging.
                function Read-Host { throw 'the example prompts for input (Read-Host)' }
                function Get-Credential { throw 'the example prompts for a credential (Get-Credential)' }
                $provide = $Key -notin $script:selfContained
                if ($provide -and $Code -match '\$contract\b' -and $Code -notmatch '\$contract\s*=') { $contract = Import-MappingContract ./district/contract.jsonc }
                foreach ($name in 'diff', 'changes') {
                    if ($provide -and $Code -match "\`$$name\b" -and $Code -notmatch "\`$$name\s*=") {
                        Set-Variable $name @(Get-TitanHstDiff -Contract ./district/contract.jsonc -WarningAction SilentlyContinue)
                    }
                }
                $global:Error.Clear()
                . $example *>&1 | Out-String -Width 200 | Out-Null
                if ($after) { & $reviewer; . $after *>&1 | Out-String -Width 200 | Out-Null }
                $unexpected = @($global:Error | Where-Object { -not $allowed -or "$($_.FullyQualifiedErrorId)" -notmatch $allowed })
                if ($then) { & $then }
                Get-Variable -Scope 0
            }
        }
        finally {
            Pop-Location
            $unexpected = @($variables | Where-Object Name -eq 'unexpected' | ForEach-Object Value)
            # Stop any emulator the example started (the shared one stays).
            foreach ($v in @($variables)) {
                if ($v.Value -and $v.Value.GetType().Name -eq 'TitanHstEmulatorInstance' -and $v.Value.ProcessId -ne $shared.ProcessId) {
                    $v.Value | Stop-TitanHstEmulator -Confirm:$false -ErrorAction SilentlyContinue
                }
            }
            foreach ($record in @(Get-ChildItem -LiteralPath $records -File -ErrorAction SilentlyContinue)) {
                $processId = 0
                # Only a child of this session: another session's emulator started meanwhile is not this example's.
                if ($record.Name -notin $recordedBefore -and [int]::TryParse($record.Name, [ref] $processId) -and $processId -ne $script:emulator.ProcessId -and
                    ($process = Get-Process -Id $processId -ErrorAction SilentlyContinue) -and $process.Parent -and $process.Parent.Id -eq $PID) {
                    Stop-TitanHstEmulator -ProcessId $processId -Confirm:$false -ErrorAction SilentlyContinue
                }
            }
        }
        if ($unexpected.Count -gt 0) {
            throw "the example wrote $($unexpected.Count) error(s): " + (($unexpected | Select-Object -First 3 | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }) -join ' | ')
        }
    }
}

AfterAll {
    Disconnect-TitanHst -ErrorAction SilentlyContinue
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
    foreach ($name in $script:saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:saved[$name]) }
}

Describe 'Help examples' {
    It 'finds every powershell block of docs/help (<Blocks> blocks)' -ForEach @{ Blocks = $script:blockCount; Found = @($script:examples).Count } {
        $Found | Should -Be $Blocks -Because 'each block must sit right under an "### Example N: title" heading'
    }

    It 'skips only examples that exist' -ForEach @{ Keys = @($script:examples | ForEach-Object { $_.Key }) } {
        @($script:skip.Keys + $script:expectedError.Keys | Where-Object { $_ -notin $Keys }) | Should -BeNullOrEmpty
    }

    It 'names the sample contract''s own version wherever the help shows it as "sample-usd-staff x.y.z"' {
        $version = (Import-MappingContract (Join-Path $script:template 'district/contract.jsonc')).Version
        $named = foreach ($file in Get-ChildItem (Join-Path $PSScriptRoot '../../docs/help') -Filter '*-*.md') {
            foreach ($m in [regex]::Matches((Get-Content -Raw $file.FullName), 'sample-usd-staff (\d+\.\d+\.\d+)')) { "$($file.Name): $($m.Groups[1].Value)" }
        }
        @($named | Where-Object { $_ -notmatch ": $([regex]::Escape($version))$" }) | Should -BeNullOrEmpty
    }

    It 'applies changes in an example only with -Confirm:$false, -Confirm or -WhatIf said (ConfirmImpact High asks before each change)' -ForEach @{ All = $script:examples } {
        $silent = foreach ($example in $All) {
            # Comments stripped; each Invoke-TitanHstApply up to the end of its command. A -Resume asks once, not per change.
            $code = ($example.Code -split '\r?\n' | ForEach-Object { $_ -replace '(^|\s)#.*$', '' }) -join "`n"
            foreach ($m in [regex]::Matches($code, 'Invoke-TitanHstApply\b[^|;\n]*')) {
                if ($m.Value -notmatch '-Resume\b|-Confirm\b|-WhatIf\b') { "$($example.Key): $($m.Value.Trim())" }
            }
        }
        @($silent) | Should -BeNullOrEmpty
    }

    It '<Key>: <Title>' -ForEach $script:examples {
        if ($script:skip.ContainsKey($Key)) {
            Set-ItResult -Skipped -Because $script:skip[$Key]
            return
        }
        if ($script:expectedError.ContainsKey($Key)) {
            $thrown = { Invoke-HelpExample $Key $Code $Says } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike "$($script:expectedError[$Key]),*"
            return
        }
        Invoke-HelpExample $Key $Code $Says
    }
}
