#Requires -Modules Pester
# Get-, Test-, Remove-TitanHstAuditLog against the built module, on copies of tests/fixtures/audit (a frozen log
# in the unkeyed legacy format, which must keep verifying) and on keyed logs the cmdlets write on top of it.

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force

    $script:fixture = Join-Path (Get-RepoRoot) 'tests/fixtures/audit'

    function New-AuditCopy {
        $target = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        Copy-Item -Recurse $script:fixture $target
        $target
    }

    function Set-FlippedByte {
        # Flips one bit of one byte inside line $Line (1-based) of $File, in its JSON rather than its hash.
        param([string] $File, [int] $Line, [int] $Offset = 40)
        $bytes = [IO.File]::ReadAllBytes($File)
        $start = 0
        for ($n = 1; $n -lt $Line; $n++) { $start = [Array]::IndexOf($bytes, [byte]10, $start) + 1 }
        $bytes[$start + $Offset] = $bytes[$start + $Offset] -bxor 1
        [IO.File]::WriteAllBytes($File, $bytes)
    }

    function Start-AuditWriterProcess {
        # A separate pwsh that loads the engine directly and appends $Count entries once $Go exists.
        param([string] $Folder, [string] $Tag, [int] $Count, [string] $Go)
        $dll = Join-Path (Split-Path (Get-BuiltModulePath)) 'dependencies/Aether.TitanHst.dll'
        $script = @"
Add-Type -Path '$dll'
`$writer = [Aether.TitanHst.Audit.AuditLogWriter]::new([Aether.TitanHst.Audit.AuditLogOptions]::new('$Folder'))
while (-not (Test-Path '$Go')) { Start-Sleep -Milliseconds 10 }
for (`$i = 0; `$i -lt $Count; `$i++) {
    `$e = [Aether.TitanHst.Audit.AuditEvent]::new([Aether.TitanHst.Audit.AuditEntryKind]::Outcome)
    `$e.RunId = '$Tag'; `$e.ExternalId = "E`$i"; `$e.Outcome = 'Succeeded'; `$e.Fields['email'] = "p`$i@district.example"
    `$null = `$writer.Append(`$e)
}
`$writer.Dispose()
"@
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        [Diagnostics.Process]::Start($psi)
    }
}

Describe 'Get-TitanHstAuditLog' {
    It 'reads every entry as an object, oldest first' {
        $entries = @(Get-TitanHstAuditLog -Path $script:fixture)
        $entries.Count | Should -Be 12
        $entries[0].GetType().FullName | Should -Be 'Aether.TitanHst.Audit.AuditEntry'
        $entries.Sequence | Should -Be (1..12)
        $entries[0].Operator.User | Should -Be 'DISTRICT\svc-sync'
        $entries[0].Contract.Version | Should -Be '1.0.0'
    }

    It 'filters by run, external id, outcome, kind and time' {
        @(Get-TitanHstAuditLog -Path $script:fixture -RunId '20260209-060000-b2').Count | Should -Be 6
        @(Get-TitanHstAuditLog -Path $script:fixture -ExternalId 1042).Kind | Should -Be @('Action', 'Outcome')
        $failed = Get-TitanHstAuditLog -Path $script:fixture -Outcome Failed
        $failed.HttpStatus | Should -Be 422
        $failed.Error | Should -Be "lastName '[lastName]' exceeds 30 characters"
        @(Get-TitanHstAuditLog -Path $script:fixture -Kind Access).Access.What | Should -Be @('target-read', 'target-read', 'snapshot-export')
        $february = @(Get-TitanHstAuditLog -Path $script:fixture -After ([datetime]::new(2026, 2, 1, 0, 0, 0, [DateTimeKind]::Utc)) -Before ([datetime]::new(2026, 3, 1, 0, 0, 0, [DateTimeKind]::Utc)))
        $february.Sequence | Should -Be (6..11)
        (Get-TitanHstAuditLog -Path $script:fixture -Last 2).Sequence | Should -Be @(11, 12)
    }

    It 'binds -RunId and -ExternalId by property name from piped objects' {
        $entries = @([pscustomobject]@{ RunId = '20260112-060000-a1'; ExternalId = '1042' } | Get-TitanHstAuditLog -Path $script:fixture)
        $entries.Sequence | Should -Be @(3, 4)
    }

    It 'shows names only as hashes or masks' {
        $text = (Get-TitanHstAuditLog -Path $script:fixture | Format-List * | Out-String) + (Get-Content -Raw (Join-Path $script:fixture '*.jsonl'))
        $text | Should -Not -Match 'Kenji|Nakamura|maria|garcia'
        (Get-TitanHstAuditLog -Path $script:fixture -Kind Action -ExternalId 1042).Fields.Value | Should -Contain 'm***@d***.org'
    }

    It 'has a default table view' {
        $table = Get-TitanHstAuditLog -Path $script:fixture -Last 3 | Out-String -Width 200
        $table | Should -Match 'Seq\s+Time \(UTC\)\s+Kind'
        $table | Should -Match 'snapshot-export 60'
    }

    It 'refuses a folder that does not exist' {
        { Get-TitanHstAuditLog -Path (Join-Path $TestDrive 'none') } |
            Should -Throw -ErrorId 'AuditFolderNotFound,Aether.TitanHst.PowerShell.Audit.GetTitanHstAuditLogCommand'
    }

    It 'names the file and line of a line that is not an entry' {
        $copy = New-AuditCopy
        Add-Content -Path (Join-Path $copy 'audit-2026-03.jsonl') -Value 'not json'
        $err = { Get-TitanHstAuditLog -Path $copy } | Should -Throw -ErrorId 'AuditEntryInvalid,Aether.TitanHst.PowerShell.Audit.GetTitanHstAuditLogCommand' -PassThru
        $err.Exception.Message | Should -Match 'audit-2026-03\.jsonl:2:'
    }
}

Describe 'Test-TitanHstAuditLog' {
    It 'passes on an intact log' {
        $result = Test-TitanHstAuditLog -Path $script:fixture -Summary
        $result.Passed | Should -BeTrue
        $result.EntriesChecked | Should -Be 12
        @($result.Files).Count | Should -Be 3
        $result.LastSequence | Should -Be 12
        $result.LastHash | Should -Match '^sha256:[0-9a-f]{64}$'
        $result.FirstBadEntry | Should -BeNullOrEmpty
        Test-TitanHstAuditLog -Path $script:fixture -Quiet | Should -BeTrue
    }

    It 'fails on a log with one flipped byte and names that entry' {
        $copy = New-AuditCopy
        Set-FlippedByte -File (Join-Path $copy 'audit-2026-02.jsonl') -Line 4
        $result = Test-TitanHstAuditLog -Path $copy -Summary
        $result.Passed | Should -BeFalse
        $result.FirstBadEntry.Problem.ToString() | Should -Be 'Altered'
        $result.FirstBadEntry.File | Should -BeLike '*audit-2026-02.jsonl'
        $result.FirstBadEntry.Line | Should -Be 4
        $result.FirstBadEntry.Sequence | Should -Be 9
        Test-TitanHstAuditLog -Path $copy -Quiet | Should -BeFalse
    }

    It 'names a removed line' {
        $copy = New-AuditCopy
        $file = Join-Path $copy 'audit-2026-01.jsonl'
        $lines = [IO.File]::ReadAllLines($file)
        [IO.File]::WriteAllText($file, (($lines[0..1] + $lines[3..4]) -join "`n") + "`n")
        $bad = (Test-TitanHstAuditLog -Path $copy -Summary).FirstBadEntry
        $bad.Problem.ToString() | Should -Be 'Removed'
        $bad.Sequence | Should -Be 3
        $bad.Line | Should -Be 3
    }

    It 'warns about a write cut off by a crash without failing' {
        $copy = New-AuditCopy
        [IO.File]::AppendAllText((Join-Path $copy 'audit-2026-03.jsonl'), '{"v":1,"seq":13,"ti')
        $result = Test-TitanHstAuditLog -Path $copy -Summary -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Passed | Should -BeTrue
        $warnings | Should -Match 'cut off'
    }

    It 'keeps one unbroken chain when two processes append at once' {
        $folder = Join-Path $TestDrive 'two-writers'
        $go = Join-Path $TestDrive 'go'
        $processes = @('a', 'b') | ForEach-Object { Start-AuditWriterProcess -Folder $folder -Tag $_ -Count 150 -Go $go }
        Start-Sleep -Seconds 2
        New-Item -ItemType File $go | Out-Null
        foreach ($p in $processes) {
            $p.WaitForExit(120000) | Should -BeTrue
            $p.ExitCode | Should -Be 0 -Because $p.StandardError.ReadToEnd()
        }
        $result = Test-TitanHstAuditLog -Path $folder -Summary
        $result.Passed | Should -BeTrue -Because "$($result.FirstBadEntry)"
        $result.EntriesChecked | Should -Be 300
        (Get-TitanHstAuditLog -Path $folder).Sequence | Should -Be (1..300)
        @(Get-TitanHstAuditLog -Path $folder -RunId b).Count | Should -Be 150
    }
}

Describe 'Test-TitanHstAuditLog guarantees and tampering' {
    BeforeAll {
        function New-KeyedAuditCopy {
            # The legacy fixture plus a keyed Retention entry and its signed checkpoint, written by the cmdlet.
            $copy = New-AuditCopy
            $null = Remove-TitanHstAuditLog -Path $copy -OlderThan 30 -Confirm:$false
            $copy
        }

        function Get-NewestAuditFile([string] $Folder) {
            (Get-ChildItem $Folder -Filter 'audit-*.jsonl' | Sort-Object Name | Select-Object -Last 1).FullName
        }
    }

    AfterEach { Remove-Item Env:AETHER_TITANHST_AUDIT_ANCHOR -ErrorAction SilentlyContinue }

    It 'writes one object per check, each saying the guarantee it gives' {
        $checks = @(Test-TitanHstAuditLog -Path $script:fixture -Anchor none)
        $checks.Check | Should -Be @('Entries', 'Chain', 'Start', 'Checkpoints', 'Truncation', 'Files', 'Anchor')
        $checks[0].GetType().FullName | Should -Be 'Aether.TitanHst.Audit.AuditCheckResult'
        $checks | ForEach-Object { $_.Passed | Should -BeTrue -Because $_.Detail }
        $checks[0].Guarantee | Should -BeLike 'Unkeyed legacy (SHA-256)*'
        ($checks | Where-Object Check -eq 'Anchor').Guarantee | Should -BeLike 'None: no anchor configured*'
    }

    It 'says which entries are keyed once keyed entries follow the legacy ones' {
        $copy = New-KeyedAuditCopy
        $entries = Test-TitanHstAuditLog -Path $copy -Anchor none | Where-Object Check -eq 'Entries'
        $entries.Passed | Should -BeTrue -Because $entries.Detail
        $entries.Guarantee | Should -BeLike 'Keyed (HMAC-SHA256*sequences 12-12 are unkeyed legacy*'
    }

    It 'names a forged appended entry' {
        $copy = New-KeyedAuditCopy
        $file = Get-NewestAuditFile $copy
        $last = (Get-Content $file)[-1]
        $prev = [regex]::Match($last, '"hash":"([^"]+)"}$').Groups[1].Value
        $forged = '{"v":2,"seq":14,"time":"2026-03-30T08:00:00.000Z","kind":"outcome","operator":{"user":"x","machine":"y"},"action":"delete","externalId":"1042","outcome":"Succeeded","prevHash":"' + $prev + '","hash":"hmac-sha256:' + ('ab' * 32) + '"}'
        [IO.File]::AppendAllText($file, $forged + "`n")
        $check = Test-TitanHstAuditLog -Path $copy -Anchor none | Where-Object Check -eq 'Entries'
        $check.Passed | Should -BeFalse
        $check.Problem.ToString() | Should -Be 'ForgedEntry'
        Test-TitanHstAuditLog -Path $copy -Anchor none -Quiet | Should -BeFalse
    }

    It 'names truncation of the last entries' {
        $copy = New-KeyedAuditCopy
        $file = Get-NewestAuditFile $copy
        $lines = [IO.File]::ReadAllLines($file)
        [IO.File]::WriteAllText($file, (@($lines | Select-Object -SkipLast 1) | ForEach-Object { $_ + "`n" }) -join '')
        $check = Test-TitanHstAuditLog -Path $copy -Anchor none | Where-Object Check -eq 'Truncation'
        $check.Problem.ToString() | Should -Be 'Truncated'
        $check.Detail | Should -Match 'entries 13-13 were removed'
    }

    It 'names the deletion of a whole file' {
        $copy = New-KeyedAuditCopy
        Remove-Item (Join-Path $copy 'audit-2026-03.jsonl')
        $result = Test-TitanHstAuditLog -Path $copy -Anchor none -Summary
        $result.FirstBadEntry.Problem.ToString() | Should -Be 'FileDeleted'
        ($result.Checks | Where-Object Check -eq 'Files').Detail | Should -Match 'audit-2026-03\.jsonl'
    }

    It 'names the deletion of the whole log when the anchor is present' {
        $anchor = 'file:' + (Join-Path $TestDrive "anchor-$([guid]::NewGuid().ToString('N'))/checkpoints.jsonl")
        $env:AETHER_TITANHST_AUDIT_ANCHOR = $anchor
        $copy = New-KeyedAuditCopy
        Remove-Item -Recurse -Force $copy
        $check = Test-TitanHstAuditLog -Path $copy -Anchor $anchor | Where-Object Check -eq 'Anchor'
        $check.Passed | Should -BeFalse
        $check.Problem.ToString() | Should -Be 'LogDeleted'
    }

    It 'names a checkpoint whose signature does not verify' {
        $copy = New-KeyedAuditCopy
        $file = Join-Path $copy 'checkpoints.jsonl'
        [IO.File]::WriteAllText($file, ([IO.File]::ReadAllText($file) -replace '"lastSeq":13', '"lastSeq":12'))
        $check = Test-TitanHstAuditLog -Path $copy -Anchor none | Where-Object Check -eq 'Checkpoints'
        $check.Problem.ToString() | Should -Be 'CheckpointInvalid'
        $check.Detail | Should -Match 'signature does not verify'
    }

    It 'refuses an anchor it does not know' {
        { Test-TitanHstAuditLog -Path $script:fixture -Anchor 'carrier-pigeon' } |
            Should -Throw -ErrorId 'AuditAnchorInvalid,Aether.TitanHst.PowerShell.Audit.TestTitanHstAuditLogCommand'
    }
}

Describe 'Remove-TitanHstAuditLog' {
    It 'changes nothing with -WhatIf' {
        $copy = New-AuditCopy
        Remove-TitanHstAuditLog -Path $copy -OlderThan 30 -WhatIf
        @(Get-ChildItem $copy -Filter 'audit-*.jsonl').Count | Should -Be 3
        @(Get-TitanHstAuditLog -Path $copy).Count | Should -Be 12
    }

    It 'removes expired months, records it, and the log still verifies' {
        $copy = New-AuditCopy
        $entry = Remove-TitanHstAuditLog -Path $copy -OlderThan 30 -Confirm:$false -PassThru
        $entry.Kind.ToString() | Should -Be 'Retention'
        $entry.Removed.File | Should -Be @('audit-2026-01.jsonl', 'audit-2026-02.jsonl')
        Test-Path (Join-Path $copy 'audit-2026-01.jsonl') | Should -BeFalse
        $result = Test-TitanHstAuditLog -Path $copy -Summary
        $result.Passed | Should -BeTrue -Because "$($result.FirstBadEntry)"
        $result.StartVouchedBy | Should -Be $entry.Sequence
        (Get-TitanHstAuditLog -Path $copy -Kind Retention).Sequence | Should -Be 13
    }

    It 'takes the period as a TimeSpan as well as days' {
        $copy = New-AuditCopy
        Remove-TitanHstAuditLog -Path $copy -OlderThan (New-TimeSpan -Days 100000) -Confirm:$false
        @(Get-ChildItem $copy -Filter 'audit-*.jsonl').Count | Should -Be 3
    }

    It 'refuses to prune a log that does not verify' {
        $copy = New-AuditCopy
        Set-FlippedByte -File (Join-Path $copy 'audit-2026-01.jsonl') -Line 2
        { Remove-TitanHstAuditLog -Path $copy -OlderThan 30 -Confirm:$false } |
            Should -Throw -ErrorId 'AuditLogInvalid,Aether.TitanHst.PowerShell.Audit.RemoveTitanHstAuditLogCommand'
        Test-Path (Join-Path $copy 'audit-2026-01.jsonl') | Should -BeTrue
    }

    It 'refuses a period that is not positive' {
        { Remove-TitanHstAuditLog -Path $script:fixture -OlderThan 0 -Confirm:$false } |
            Should -Throw -ErrorId 'RetentionPeriodInvalid,Aether.TitanHst.PowerShell.Audit.RemoveTitanHstAuditLogCommand'
    }

    It 'declares ConfirmImpact High' {
        $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-TitanHstAuditLog))
        $meta.ConfirmImpact | Should -Be 'High'
        $meta.SupportsShouldProcess | Should -BeTrue
    }
}
