# A target snapshot file is read back, so it is untrusted input: a sealed one (Update-TitanHstSnapshot) is verified
# while the diff reads it, and a change computed from any snapshot is checked against the live record before the
# apply writes to it. The attack: move a person's externalId to a key no export has, keeping the record's id and
# ETag, so the diff proposes to deactivate that record; without the check the real person would be deactivated.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 80 -Seed 23
    Resolve-PlantedPrimaryConflict -DistrictPath $script:district.Path
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential

    # A person the live diff leaves alone: matched, active, nothing to change.
    $changed = @(Get-TitanHstDiff -Contract $script:district.ContractPath -WarningAction SilentlyContinue).ExternalId
    $script:person = Get-TitanHstStaff | Where-Object { $_.ExternalId -and $_.Active -and $_.ExternalId -notin $changed } | Select-Object -First 1
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'A snapshot file edited to aim a write at another person' {
    It 'is applied to nobody: the live record is read first and holds another externalId (Stale), and the person stays active' {
        $snapshot = Join-Path $TestDrive 'plain.jsonl'
        Get-TitanHstStaff -IncludeInactive -OutFile $snapshot
        $text = Get-Content -Raw $snapshot
        $needle = "`"externalId`":`"$($script:person.ExternalId)`""
        $text.Contains($needle) | Should -BeTrue
        Set-Content -Path $snapshot -Value $text.Replace($needle, '"externalId":"99999999"') -NoNewline

        $diff = @(Get-TitanHstDiff -Contract $script:district.ContractPath -TargetSnapshot $snapshot -WarningAction SilentlyContinue)
        $aimed = $diff | Where-Object { $_.Action -eq 'Deactivate' -and $_.ExternalId -eq '99999999' }
        $aimed.TargetId | Should -Be $script:person.Id

        $outcome = $aimed | Invoke-TitanHstApply -Confirm:$false | Where-Object { $_.PSObject.Properties['Outcome'] }
        $outcome.Outcome | Should -Be 'Stale'
        $outcome.Reason | Should -Match 'holds another externalId'
        (Get-TitanHstStaff -ExternalId $script:person.ExternalId).Active | Should -BeTrue
    }
}

Describe 'A sealed snapshot (Update-TitanHstSnapshot) edited after it was written' {
    It 'stops the diff with SnapshotSealMismatch before any change is computed' {
        $kept = Join-Path $TestDrive 'kept/titanhst.jsonl'
        Update-TitanHstSnapshot -Path $kept | Out-Null
        (Test-Path "$kept.seal") | Should -BeTrue
        # A diff of the untouched sealed snapshot runs.
        @(Get-TitanHstDiff -Contract $script:district.ContractPath -TargetSnapshot $kept -WarningAction SilentlyContinue).Count | Should -BeGreaterThan 0

        $text = Get-Content -Raw $kept
        $needle = "`"externalId`":`"$($script:person.ExternalId)`""
        # Same length, so only the seal can tell.
        $forged = $needle.Substring(0, $needle.Length - 2) + $(if ($needle[-2] -eq '9') { '8' } else { '9' }) + '"'
        Set-Content -Path $kept -Value $text.Replace($needle, $forged) -NoNewline
        { Get-TitanHstDiff -Contract $script:district.ContractPath -TargetSnapshot $kept -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'SnapshotSealMismatch,Aether.TitanHst.PowerShell.Diff.GetTitanHstDiffCommand' -ExpectedMessage '*changed after it was written*'
    }
}
