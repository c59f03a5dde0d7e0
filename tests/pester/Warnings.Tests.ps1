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
