BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
}

Describe 'Import-MappingContract' {
    BeforeEach {
        $script:district = New-MiniDistrict
        $script:contractPath = Join-Path $script:district 'contract.jsonc'
    }

    It 'returns a contract with id, version and a computed hash' {
        $c = Import-MappingContract -Path $script:contractPath
        $c.Id | Should -Be 'mini-district'
        $c.Version | Should -Be '1.0.0'
        $c.Hash | Should -Match '^sha256:[0-9a-f]{64}$'
    }

    It 'binds files from the pipeline by property name' {
        $c = Get-Item $script:contractPath | Import-MappingContract
        $c.Id | Should -Be 'mini-district'
    }

    It 'resolves a path relative to the PowerShell location' {
        Push-Location $script:district
        try { (Import-MappingContract contract.jsonc).Id | Should -Be 'mini-district' } finally { Pop-Location }
    }

    It 'names file, line and property of a broken contract with a stable error id' {
        (Get-Content -Raw $script:contractPath) -replace '"encoding": "utf-8"', '"encodng": "utf-8"' | Set-Content $script:contractPath
        $err = $null
        Import-MappingContract -Path $script:contractPath -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ContractPropertyUnknown,Aether.TitanHst.PowerShell.Commands.ImportMappingContractCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -Match 'contract\.jsonc:10: sources\.hr\.encodng: unknown property'
        $err[0].TargetObject | Should -Be $script:contractPath
    }

    It 'reports a missing file as ObjectNotFound' {
        { Import-MappingContract -Path (Join-Path $TestDrive 'none.jsonc') -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileNotFound,Aether.TitanHst.PowerShell.Commands.ImportMappingContractCommand'
    }
}

Describe 'Import-TitanHstSource' {
    BeforeEach {
        $script:district = New-MiniDistrict
        $script:contract = Import-MappingContract (Join-Path $script:district 'contract.jsonc')
    }

    It 'streams one record per in-scope person with a property per field and provenance' {
        $records = Import-TitanHstSource -Contract $script:contract -WarningAction SilentlyContinue
        $records.ExternalId | Should -Be @('123', '800', '801', '456')
        $records[0].lastName | Should -Be 'Peña'
        $records[0].siteCode | Should -Be 'LHS'
        $records[0].Sources | Should -Be 'hr:2; aeries:2'
        $records[0].PSObject.TypeNames[0] | Should -Be 'Aether.TitanHst.CanonicalStaffRecord'
    }

    It 'accepts the contract from the pipeline and as a path' {
        @($script:contract | Import-TitanHstSource -WarningAction SilentlyContinue).Count | Should -Be 4
        @(Import-TitanHstSource -Contract (Join-Path $script:district 'contract.jsonc') -WarningAction SilentlyContinue).Count | Should -Be 4
    }

    It 'writes policy skips as warnings' {
        $null = Import-TitanHstSource -Contract $script:contract -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 3
        ($warnings -join "`n") | Should -Match "aeries\.csv:7: HumanResourcesSystemID: key '999' is not in hr"
    }

    It 'reports an unmapped code as a non-terminating error naming file, line and column, and goes on' {
        $hr = Join-Path $script:district 'exports/hr.csv'
        (Get-Content -Raw $hr) -replace '0202,CLS01', '0202,LIB09' | Set-Content -Encoding utf8BOM -NoNewline $hr
        $records = Import-TitanHstSource -Contract $script:contract -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $records.ExternalId | Should -Not -Contain '456'
        @($records).Count | Should -Be 3
        $errs[0].FullyQualifiedErrorId | Should -Be 'CodeUnmapped,Aether.TitanHst.PowerShell.Commands.ImportTitanHstSourceCommand'
        $errs[0].Exception.Message | Should -Match "hr\.csv:3: JobClassId: roleCode: code 'LIB09' is not in mapping table 'roles'"
        $errs[0].TargetObject.Line | Should -Be 3
    }

    It 'stops at the first bad record with -ErrorAction Stop' {
        $hr = Join-Path $script:district 'exports/hr.csv'
        (Get-Content -Raw $hr) -replace '0202,CLS01', '0202,LIB09' | Set-Content -Encoding utf8BOM -NoNewline $hr
        { Import-TitanHstSource -Contract $script:contract -ErrorAction Stop -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'CodeUnmapped,Aether.TitanHst.PowerShell.Commands.ImportTitanHstSourceCommand'
    }

    It 'stops with a terminating error for a file it cannot read at all' {
        $aeries = Join-Path $script:district 'exports/aeries.csv'
        Set-Content -Path $aeries -Value 'ID,FirstName' -Encoding ascii
        { Import-TitanHstSource -Contract $script:contract -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'SourceColumnMissing,Aether.TitanHst.PowerShell.Commands.ImportTitanHstSourceCommand'
    }

    It 'reads another file for one source with -SourcePath, and refuses an unknown source name' {
        $copy = Join-Path $TestDrive 'hr-copy.csv'
        Copy-Item (Join-Path $script:district 'exports/hr.csv') $copy
        @(Import-TitanHstSource -Contract $script:contract -SourcePath @{ hr = $copy } -WarningAction SilentlyContinue).Count | Should -Be 4
        # A PowerShell hashtable's keys ignore case, so the source's name does too.
        Remove-Item (Join-Path $script:district 'exports/hr.csv')
        @(Import-TitanHstSource -Contract $script:contract -SourcePath @{ HR = $copy } -WarningAction SilentlyContinue).Count | Should -Be 4
        { Import-TitanHstSource -Contract $script:contract -SourcePath @{ payroll = $copy } } |
            Should -Throw -ErrorId 'SourceNameUnknown,Aether.TitanHst.PowerShell.Commands.ImportTitanHstSourceCommand'
    }

    It 'exports to CSV with one column per field' {
        $csv = Join-Path $TestDrive 'staff.csv'
        Import-TitanHstSource -Contract $script:contract -WarningAction SilentlyContinue | Export-Csv -NoTypeInformation -Path $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 4
        ($rows[0].PSObject.Properties.Name) | Should -Contain 'roleCode'
        $rows[3].lastName | Should -Be "O'Brien"
    }
}

Describe 'Test-MappingContract' {
    BeforeEach {
        $script:district = New-MiniDistrict
        $script:contractPath = Join-Path $script:district 'contract.jsonc'
    }

    It 'reports a contract that does not load as a ContractValid error however its path is given' {
        (Get-Content -Raw $script:contractPath) -replace '"version": "1.0.0"', '"version": "1.0"' | Set-Content $script:contractPath
        Push-Location $script:district
        try {
            foreach ($results in @(
                    @(Test-MappingContract contract.jsonc),
                    @(Test-MappingContract -Contract $script:contractPath),
                    @(Get-Item $script:contractPath | Test-MappingContract),
                    @(Test-MappingContract -Path $script:contractPath))) {
                $results.Count | Should -Be 1
                $results[0].Rule | Should -Be 'ContractValid'
                $results[0].Severity | Should -Be 'Error'
                $results[0].Message | Should -Match 'contract\.jsonc:5: version'
            }
            Test-MappingContract contract.jsonc -Quiet | Should -BeFalse
        }
        finally { Pop-Location }
        Test-MappingContract -Contract 42 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ContractArgumentInvalid,Aether.TitanHst.PowerShell.Commands.TestMappingContractCommand'
    }

    It 'passes the mini district with no Error results, composing with Where-Object' {
        $results = Test-MappingContract -Contract $script:contractPath
        $results | Where-Object Severity -eq Error | Should -BeNullOrEmpty
        $results.Rule | Should -Contain 'CodesMapped'
        $results.Rule | Should -Contain 'MatchKeysUnique'
        Test-MappingContract -Contract $script:contractPath -Quiet | Should -BeTrue
        # The default table leaves Count blank where nothing was counted (a 0 on every information row is noise).
        ($results | Where-Object Rule -eq 'ContractValid' | Out-String -Width 200) | Should -Match 'ContractValid\s+contract mini-district'
    }

    It 'reports a renamed column with its likely new name, and still runs every check that does not need it' {
        $hr = Join-Path $script:district 'exports/hr.csv'
        $text = [IO.File]::ReadAllText($hr)
        [IO.File]::WriteAllText($hr, $text.Replace('EmailWork', 'WorkEmail'), [Text.UTF8Encoding]::new($true))
        $results = @(Test-MappingContract -Contract $script:contractPath)
        ($results | Where-Object { $_.Severity -eq 'Error' -and $_.Message -match "'EmailWork'" }).Message | Should -Match 'did you mean WorkEmail\?'
        $results | Where-Object Message -like 'not run*' | Should -BeNullOrEmpty
        foreach ($rule in 'CodesMapped', 'RequiredFieldsFilled', 'MatchKeysUnique', 'JoinCoverage') { $results.Rule | Should -Contain $rule }
        ($results | Where-Object { $_.Rule -eq 'SourceReadable' -and $_.Severity -eq 'Warning' }).Items | Should -Contain 'email'
        Test-MappingContract -Contract $script:contractPath -Quiet | Should -BeFalse
    }

    It 'lists unmapped codes with counts and places' {
        $hr = Join-Path $script:district 'exports/hr.csv'
        (Get-Content -Raw $hr) -replace '0202,CLS01', '0202,LIB09' | Set-Content -Encoding utf8BOM -NoNewline $hr
        $failure = Test-MappingContract -Contract $script:contractPath | Where-Object { $_.Rule -eq 'CodesMapped' -and $_.Severity -eq 'Error' }
        $failure.Items | Should -Be @('LIB09 (1 record, first at hr.csv:3)')
        Test-MappingContract -Contract $script:contractPath -Quiet | Should -BeFalse
    }

    It 'reports duplicate keys and missing required fields' {
        $hr = Join-Path $script:district 'exports/hr.csv'
        Add-Content -Path $hr -Value '0456,Bob,Other,bob@district.org,0202,CLS01,A,2020-01-06,'
        (Get-Content -Raw $hr) -replace '801,Di,Jones', '801,Di,' | Set-Content -Encoding utf8BOM -NoNewline $hr
        $aeries = Join-Path $script:district 'exports/aeries.csv'
        $latin = [Text.Encoding]::Latin1
        [IO.File]::WriteAllText($aeries, [IO.File]::ReadAllText($aeries, $latin).Replace('13,Di,Jones', '13,Di,'), $latin)
        $errors = Test-MappingContract -Contract $script:contractPath | Where-Object Severity -eq Error
        $errors.Rule | Should -Contain 'MatchKeysUnique'
        ($errors | Where-Object Rule -eq 'MatchKeysUnique').Items[0] | Should -Match "hr line 3, hr line 8"
        $errors.Rule | Should -Contain 'RequiredFieldsFilled'
    }

    It 'reports a broken contract given by -Path as a ContractValid error instead of throwing' {
        Set-Content -Path $script:contractPath -Value '{ "contractFormat": 1, '
        $result = Test-MappingContract -Path $script:contractPath
        $result.Rule | Should -Be 'ContractValid'
        $result.Severity | Should -Be 'Error'
        Test-MappingContract -Path $script:contractPath -Quiet | Should -BeFalse
    }

    It 'checks mapping tables against TitanHST reference codes when given' {
        $results = Test-MappingContract -Contract $script:contractPath -TargetRoleCode TEACHER, PRINCIPAL -TargetSiteCode LHS, JMS
        $missing = $results | Where-Object { $_.Rule -eq 'MappingTargetsExist' -and $_.Severity -eq 'Error' }
        $missing.Items | Should -Be @('CLASSIFIED (mappings/roles.csv:4)')
    }

    It 'checks mapping tables against the connected TitanHST by itself' {
        $emulator = Start-TitanHstEmulator
        try {
            Connect-TitanHst -BaseUri $emulator.BaseUri -Credential $emulator.Credential
            $missing = Test-MappingContract -Contract $script:contractPath | Where-Object { $_.Rule -eq 'MappingTargetsExist' -and $_.Severity -eq 'Error' }
            # The emulator's default roles are ADM/CLS/SUB/TCH, so the mini district's role names are not there.
            ($missing | Where-Object Message -like "*'roles'*").Items | Should -Contain 'TEACHER (mappings/roles.csv:2)'
        }
        finally {
            Disconnect-TitanHst
            $emulator | Stop-TitanHstEmulator -Confirm:$false
        }
    }

    It 'warns when a Windows-1252 source looks like UTF-8' {
        (Get-Content -Raw $script:contractPath) -replace '"encoding": "utf-8"', '"encoding": "windows-1252"' | Set-Content $script:contractPath
        $hr = Join-Path $script:district 'exports/hr.csv'
        $bytes = [IO.File]::ReadAllBytes($hr); [IO.File]::WriteAllBytes($hr, $bytes[3..($bytes.Length - 1)])
        $warning = Test-MappingContract -Contract $script:contractPath | Where-Object Rule -eq 'SourceEncoding'
        $warning.Severity | Should -Be 'Warning'
    }

    It 'detects content changed without a version bump once the version is published' {
        Publish-MappingContract -Contract $script:contractPath -Reason 'first review' -Confirm:$false | Should -Not -BeNullOrEmpty
        (Test-MappingContract -Contract $script:contractPath | Where-Object Rule -eq 'VersionBumped').Severity | Should -Be 'Information'

        (Get-Content -Raw $script:contractPath) -replace '"SUB01"', '"SUB02"' | Set-Content $script:contractPath
        $bump = Test-MappingContract -Contract $script:contractPath | Where-Object Rule -eq 'VersionBumped'
        $bump.Severity | Should -Be 'Error'
        { Publish-MappingContract -Contract $script:contractPath -Reason 'edited' -Confirm:$false } |
            Should -Throw -ErrorId 'ContractVersionNotBumped,Aether.TitanHst.PowerShell.Commands.PublishMappingContractCommand'

        (Get-Content -Raw $script:contractPath) -replace '"version": "1.0.0"', '"version": "1.1.0"' | Set-Content $script:contractPath
        (Test-MappingContract -Contract $script:contractPath | Where-Object Rule -eq 'VersionBumped').Severity | Should -Be 'Warning'
        Publish-MappingContract -Contract $script:contractPath -Reason 'SUB02 out of scope' -Confirm:$false
        (Test-MappingContract -Contract $script:contractPath | Where-Object Rule -eq 'VersionBumped').Severity | Should -Be 'Information'
    }

    It 'changes nothing with -WhatIf' {
        Publish-MappingContract -Contract $script:contractPath -Reason 'preview' -WhatIf
        Join-Path $script:district 'contract.versions.json' | Should -Not -Exist
    }
}
