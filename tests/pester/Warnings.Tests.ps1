# A long run of warnings of one kind is summarised: the first few, then one warning with the count and where to see
# the rest, not one line per row.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
}

Describe 'Import-TitanHstSource warnings' {
    It 'shows the first 3 of a kind, then one summary with the count and -Verbose for the rest' {
        $district = New-MiniDistrict
        $aeries = Join-Path $district 'exports/aeries.csv'
        $lines = [Collections.Generic.List[string]](Get-Content -LiteralPath $aeries)
        $template = $lines[6]
        $fields = $template -split ','
        # Ten more people only in Aeries (their HR key is in no HR row): the contract skips each with a warning.
        foreach ($n in 1..10) { $f = $fields.Clone(); $f[0] = "77$n"; $f[4] = "98$n"; $lines.Add($f -join ',') }
        Set-Content -LiteralPath $aeries -Value $lines
        $verbose = Import-TitanHstSource -Contract (Join-Path $district 'contract.jsonc') -WarningVariable warnings -WarningAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $skips = @($warnings | Where-Object { "$_" -match "is not in hr" })
        $skips.Count | Should -Be 3
        $summary = @($warnings | Where-Object { "$_" -match 'warnings in all' })
        $summary.Count | Should -Be 1
        "$($summary[0])" | Should -Match '^11 \w+ warnings in all; 8 more not shown\. See each with -Verbose'
        @($verbose | Where-Object { "$_" -match "^warning: .*is not in hr" }).Count | Should -Be 8
    }
}

Describe 'Warnings of a whole run' {
    It 'Get-TitanHstDiff and Test-TitanHstSync write one warning per kind, however many rows are skipped' {
        $district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 200 -Seed 3
        $aeries = Join-Path $district.Path 'exports/aeries-staff.csv'
        # Two hundred more people only in Aeries: each is skipped by the sample contract with a warning of one kind.
        $extra = foreach ($n in 1..200) { "9$('{0:D4}' -f $n),Pat,Doe$n,PAT.DOE$n@SAMPLEUSD.ORG,0099$('{0:D4}' -f $n),,,8/5/2001,11,PDOE$n,T,100,Aide" }
        Add-Content -LiteralPath $aeries -Value $extra -Encoding ascii
        $emulator = Start-TitanHstEmulator -SeedPath (Join-Path $district.Path 'titanhst-seed.json')
        try {
            Connect-TitanHst -BaseUri $emulator.BaseUri -Credential $emulator.Credential
            $null = Get-TitanHstDiff -Contract $district.ContractPath -WarningVariable diffWarnings -WarningAction SilentlyContinue
            $null = Test-TitanHstSync -Contract $district.ContractPath -WarningVariable syncWarnings -WarningAction SilentlyContinue
            $null = Import-TitanHstSource -Contract $district.ContractPath -WarningVariable importWarnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        }
        finally {
            Disconnect-TitanHst
            $emulator | Stop-TitanHstEmulator -Confirm:$false
        }
        $diffWarnings.Count | Should -BeLessOrEqual 5 -Because ($diffWarnings -join "`n")
        $syncWarnings.Count | Should -BeLessOrEqual 5 -Because ($syncWarnings -join "`n")
        # Import-TitanHstSource: the first three of each kind, then one summary per kind with the count.
        @($importWarnings | Where-Object { "$_" -match 'is not in hr' }).Count | Should -Be 3
        @($importWarnings | Where-Object { "$_" -match '^20\d OnlyInOneSource warnings in all; 20\d more not shown\. See each with -Verbose' }).Count | Should -Be 1
        $importWarnings.Count | Should -BeLessThan 20 -Because ($importWarnings -join "`n")
    }
}
