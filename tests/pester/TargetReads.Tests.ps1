#Requires -Modules Pester
# Update-TitanHstSnapshot against the built module and the emulator: a full read first, refreshes after, a refreshed
# file that equals a fresh full read, and a full read whenever the kept file is in doubt (docs/target-reads.md).

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force

    $staff = for ($i = 0; $i -lt 1200; $i++) {
        '{{"externalId":"E{0:D6}","active":true,"firstName":"First{0}","lastName":"Last{0}","roleCode":"TCH","siteCode":"HS1"}}' -f $i
    }
    $script:seed = Join-Path $TestDrive 'seed.json'
    Set-Content -Path $script:seed -Encoding utf8 -Value ('{"roles":[{"code":"TCH","name":"Teacher","active":true}],"sites":[{"code":"HS1","name":"High School","active":true}],"staff":[' + ($staff -join ',') + ']}')
    $script:emulator = Start-TitanHstEmulator -SeedPath $script:seed
    $script:emulator | Connect-TitanHst
    $script:kept = Join-Path $TestDrive 'kept/titanhst.jsonl'
    New-Item -ItemType Directory -Path (Split-Path $script:kept) | Out-Null
    # Seeded records carry the load time and TitanHST's Date header has whole seconds: read after that second.
    Start-Sleep -Milliseconds 1100

    function Read-SnapshotRecords([string] $Path) {
        # Record lines only (no header, no end line), as objects, in file order.
        @(Get-Content $Path | Select-Object -Skip 1 | Select-Object -SkipLast 1 | ForEach-Object { $_ | ConvertFrom-Json })
    }
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Update-TitanHstSnapshot' {
    It 'writes nothing with -WhatIf' {
        Update-TitanHstSnapshot -Path $script:kept -WhatIf | Should -BeNullOrEmpty
        Test-Path $script:kept | Should -BeFalse
    }

    It 'reads in full the first time, sealed, and says why' {
        $result = Update-TitanHstSnapshot -Path $script:kept -Overlap 0
        $result.GetType().FullName | Should -Be 'Aether.TitanHst.Target.TargetReadResult'
        "$($result.Made)" | Should -Be 'Full'
        $result.Reason | Should -Match 'no kept snapshot'
        $result.Records | Should -Be 1200
        Test-Path "$($script:kept).seal" | Should -BeTrue
        ($result | Format-Table | Out-String) | Should -Match 'Full'
    }

    It 'then reads only the changed records, and the file equals a fresh full read' {
        $first = @(Get-TitanHstStaff -ExternalId 'E000007', 'E000500')
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.BaseUri)_emulator/staff/$($first[0].Id)/touch" -ContentType 'application/json' -Body '{"title":"Edited by an admin"}' | Out-Null
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.BaseUri)_emulator/staff/$($first[1].Id)/touch" | Out-Null

        $result = Update-TitanHstSnapshot -Path $script:kept -Overlap 0
        "$($result.Made)" | Should -Be 'Incremental'
        $result.Changed | Should -Be 2
        $result.PagesRead | Should -Be 1
        $result.Records | Should -Be 1200

        $full = Join-Path $TestDrive 'full.jsonl'
        Get-TitanHstStaff -IncludeInactive -OutFile $full
        $refreshed = Read-SnapshotRecords $script:kept
        $expected = Read-SnapshotRecords $full
        ($refreshed | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($expected | ConvertTo-Json -Depth 5 -Compress)
        ($refreshed | Where-Object externalId -eq 'E000007').fields.title | Should -Be 'Edited by an admin'
    }

    It 'reads in full again when the kept file was changed behind its seal' {
        $text = [IO.File]::ReadAllText($script:kept)
        [IO.File]::WriteAllText($script:kept, $text.Replace('"First12"', '"Firsx12"'))
        $result = Update-TitanHstSnapshot -Path $script:kept -Overlap 0
        "$($result.Made)" | Should -Be 'Full'
        $result.Reason | Should -Match 'seal'
        [IO.File]::ReadAllText($script:kept) | Should -Not -Match 'Firsx12'
    }

    It 'reads in full with -Full, and refuses a duration out of range' {
        "$((Update-TitanHstSnapshot -Path $script:kept -Full).Made)" | Should -Be 'Full'
        { Update-TitanHstSnapshot -Path $script:kept -Overlap (New-TimeSpan -Days 2) } |
            Should -Throw -ErrorId 'InvalidTargetReadSetting,Aether.TitanHst.PowerShell.TitanHst.UpdateTitanHstSnapshotCommand'
    }
}
