<#
.SYNOPSIS
    A district's own checks of its mapping contract, run before every change is published.

.DESCRIPTION
    Copy this file beside your contract and adjust the expectations at the top. Run it with
        Invoke-Pester ./Validate-DistrictMapping.Tests.ps1
    It loads the contract, runs Test-MappingContract against today's exports, and asserts what your district
    cares about: no errors, every job class and school mapped, a plausible number of staff in scope.

    Results of Test-MappingContract have Rule, Severity (Error, Warning, Information), Message and Items.
#>
param(
    # The contract to check; by default contract.jsonc beside this file.
    [string] $ContractPath = (Join-Path $PSScriptRoot 'contract.jsonc'),

    # Roughly how many staff you expect in scope; the test allows 20% either way.
    [int] $ExpectedStaff = 0
)

BeforeDiscovery {
    $script:ownedFieldsThatMustExist = @('firstName', 'lastName', 'email', 'roleCode', 'siteCode')
}

BeforeAll {
    Import-Module Aether.TitanHst -ErrorAction Stop
    $script:contract = Import-MappingContract -Path $ContractPath
    $script:results = @(Test-MappingContract -Contract $script:contract)
}

Describe 'Mapping contract <_>' -ForEach @((Split-Path -Leaf $ContractPath)) {
    It 'loads, with an id and a semantic version' {
        $contract.Id | Should -Not -BeNullOrEmpty
        $contract.Version | Should -Match '^\d+\.\d+\.\d+'
    }

    It 'has no errors against today''s exports' {
        $results | Where-Object Severity -eq 'Error' | ForEach-Object { "$($_.Rule): $($_.Message)" } | Should -BeNullOrEmpty
    }

    It 'maps every job class and school code found in the exports' {
        $unmapped = $results | Where-Object { $_.Rule -eq 'CodesMapped' -and $_.Severity -ne 'Information' }
        $unmapped | ForEach-Object { "$($_.Message): $($_.Items -join ', ')" } | Should -BeNullOrEmpty
    }

    It 'has unique match keys' {
        $results | Where-Object { $_.Rule -eq 'MatchKeysUnique' -and $_.Severity -eq 'Error' } | Should -BeNullOrEmpty
    }

    It 'was version-bumped if its content changed since it was published' {
        # A contract never published gives a Warning here (no history yet); changed content under an old version is an Error.
        $results | Where-Object { $_.Rule -eq 'VersionBumped' -and $_.Severity -eq 'Error' } | Should -BeNullOrEmpty
    }

    It 'owns <_>' -ForEach $ownedFieldsThatMustExist {
        $contract.OwnedFields | Should -Contain $_
    }

    It 'never owns fields that admins keep by hand in TitanHST' {
        $contract.OwnedFields | Should -Not -Contain 'badgeNumber'
        $contract.OwnedFields | Should -Not -Contain 'notes'
    }

    It 'leaves substitutes out of scope' {
        ($contract.Scope | ForEach-Object { "$_" }) -join ' and ' | Should -Match 'SUB'
    }

    It 'puts a plausible number of staff in scope' -Skip:($ExpectedStaff -le 0) {
        $count = @(Import-TitanHstSource -Contract $contract -WarningAction SilentlyContinue).Count
        $count | Should -BeGreaterThan ($ExpectedStaff * 0.8)
        $count | Should -BeLessThan ($ExpectedStaff * 1.2)
    }
}
