BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
}

Describe 'Source and contract safety seen from PowerShell' {
    BeforeEach {
        $script:district = New-MiniDistrict
        $script:contractPath = Join-Path $script:district 'contract.jsonc'
        $script:hrPath = Join-Path $script:district 'exports/hr.csv'
    }

    It 'writes source records that Export-Csv cannot turn into spreadsheet formulas' {
        $hr = [IO.File]::ReadAllText($script:hrPath)
        $hr = $hr.Replace('801,Di,Jones,', '801,"=HYPERLINK(""http://x/"",""y"")",@Jones,')
        [IO.File]::WriteAllText($script:hrPath, $hr, [Text.UTF8Encoding]::new($true))
        $csv = Join-Path $TestDrive 'records.csv'
        Import-TitanHstSource -Contract $script:contractPath -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
            Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -BeGreaterThan 0
        foreach ($row in $rows) {
            foreach ($p in $row.PSObject.Properties) {
                $p.Value | Should -Not -Match '^[=+\-@\t\r]' -Because "$($p.Name) of $($row.ExternalId) must not start a formula"
            }
        }
        ($rows | Where-Object ExternalId -EQ '801').firstName | Should -BeLike "'=*"
    }

    It 'refuses a contract path that leaves the contract folder with a stable error id' {
        (Get-Content -Raw $script:contractPath).Replace('"path": "mappings/roles.csv"', '"path": "../../../../../../etc/os-release"') |
            Set-Content $script:contractPath
        $err = $null
        Import-MappingContract -Path $script:contractPath -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ContractPathOutsideFolder,Aether.TitanHst.PowerShell.Commands.ImportMappingContractCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'refuses a contract that names a property twice, naming both lines' {
        (Get-Content -Raw $script:contractPath).Replace('"ownedFields"', "`"safety`": { `"additionsOnly`": true },`n  `"safety`": { `"additionsOnly`": false },`n  `"ownedFields`"") |
            Set-Content $script:contractPath
        $err = $null
        Import-MappingContract -Path $script:contractPath -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ContractPropertyDuplicate,Aether.TitanHst.PowerShell.Commands.ImportMappingContractCommand'
        $err[0].Exception.Message | Should -Match 'lines \d+ and \d+'
    }
}
