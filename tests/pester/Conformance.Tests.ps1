#Requires -Modules Pester
# Test-TitanHstApiConformance against the bundled emulator: every rule passes (or is skipped by design), reports,
# the write gate, the audit entry, and no secret anywhere.

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 20 -Seed 5
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
    $script:secret = $script:emulator.Credential.GetNetworkCredential().Password
    # Skipped by design against the emulator: a paced run is never throttled, and it sends no rate-limit headers.
    $script:expectedSkips = @('A 429 is rate-limited*', 'Rate-limit headers, when sent*')
}

AfterAll {
    Disconnect-TitanHst -ErrorAction SilentlyContinue
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Test-TitanHstApiConformance, read-only' {
    BeforeAll {
        $script:md = Join-Path $TestDrive 'conformance.md'
        $script:results = @(Test-TitanHstApiConformance -RequestsPerSecond 0 -OutFile $script:md)
    }

    It 'writes one typed result per rule with the documented properties' {
        $script:results.Count | Should -BeGreaterThan 30
        # The engine loads in its own context, so the type is checked by name.
        $script:results[0].GetType().FullName | Should -Be 'Aether.TitanHst.Conformance.ConformanceResult'
        foreach ($name in 'Section', 'Rule', 'Outcome', 'Request', 'ResponseSummary', 'ReliedOnFor') {
            $script:results[0].PSObject.Properties.Name | Should -Contain $name
        }
    }

    It 'passes every rule against the emulator' {
        $notPassed = $script:results | Where-Object Outcome -ne 'Pass' | Where-Object {
            $rule = $_.Rule
            -not ($_.Outcome -eq 'Skipped' -and (($script:expectedSkips + 'Create, patch, deactivate*') | Where-Object { $rule -like $_ }))
        }
        $notPassed | ForEach-Object { "$($_.Outcome) §$($_.Section) $($_.Rule): $($_.Detail)" } | Should -BeNullOrEmpty
    }

    It 'skips the write rules without -IncludeWrites' {
        ($script:results | Where-Object Rule -like 'Create, patch, deactivate*').Outcome | Should -Be 'Skipped'
    }

    It 'has a default table view' {
        (Get-FormatData -TypeName 'Aether.TitanHst.Conformance.ConformanceResult') | Should -Not -BeNullOrEmpty
        ($script:results | Select-Object -First 3 | Format-Table | Out-String) | Should -Match 'Outcome'
    }

    It 'writes a Markdown report that shows no secret' {
        $text = Get-Content $script:md -Raw
        $text | Should -Match '# TitanHST API conformance'
        $text | Should -Not -Match ([regex]::Escape($script:secret))
        ($script:results | Out-String -Width 400) | Should -Not -Match ([regex]::Escape($script:secret))
    }

    It 'checks a target given by -BaseUri and -Credential, and writes HTML' {
        $html = Join-Path $TestDrive 'conformance.html'
        $direct = @(Test-TitanHstApiConformance -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential -RequestsPerSecond 0 -OutFile $html)
        $direct.Count | Should -Be $script:results.Count
        Get-Content $html -Raw | Should -Match '<h1>TitanHST API conformance</h1>'
    }

    It 'refuses an unknown report format with ReportFormatUnknown' {
        { Test-TitanHstApiConformance -OutFile (Join-Path $TestDrive 'x.txt') -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportFormatUnknown,Aether.TitanHst.PowerShell.Conformance.TestTitanHstApiConformanceCommand'
    }
}

Describe 'Test-TitanHstApiConformance -IncludeWrites' {
    It 'passes every rule on the emulator (a sandbox), records it in the audit log and removes its records' {
        $before = (Get-TitanHstStaff -IncludeInactive | Measure-Object).Count
        $results = @(Test-TitanHstApiConformance -IncludeWrites -RequestsPerSecond 0 -Confirm:$false)
        $notPassed = $results | Where-Object Outcome -ne 'Pass' | Where-Object { $rule = $_.Rule; -not ($_.Outcome -eq 'Skipped' -and ($script:expectedSkips | Where-Object { $rule -like $_ })) }
        $notPassed | ForEach-Object { "$($_.Outcome) §$($_.Section) $($_.Rule): $($_.Detail)" } | Should -BeNullOrEmpty
        ($results | Where-Object Section -eq '4.6').Count | Should -BeGreaterThan 2
        (Get-TitanHstStaff -IncludeInactive | Measure-Object).Count | Should -Be $before
        (Get-TitanHstAuditLog | Where-Object Action -eq 'conformanceWriteChecks') | Should -Not -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        @(Test-TitanHstApiConformance -IncludeWrites -WhatIf) | Should -BeNullOrEmpty
    }

    It 'needs -Reason with -Force (ForceNeedsReason)' {
        { Test-TitanHstApiConformance -IncludeWrites -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'ForceNeedsReason,Aether.TitanHst.PowerShell.Conformance.TestTitanHstApiConformanceCommand'
    }

    It 'refuses plain http to a remote host (InsecureUriRefused)' {
        { Test-TitanHstApiConformance -BaseUri 'http://titanhst.example/' -Credential $script:emulator.Credential -ErrorAction Stop } |
            Should -Throw -ErrorId 'InsecureUriRefused,Aether.TitanHst.PowerShell.Conformance.TestTitanHstApiConformanceCommand'
    }
}
