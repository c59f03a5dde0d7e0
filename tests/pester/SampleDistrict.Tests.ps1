BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
}

Describe 'New-TitanHstSampleDistrict' {
    It 'writes a district whose contract imports, and returns what it wrote' {
        $path = Join-Path $TestDrive 'district'
        $info = New-TitanHstSampleDistrict -Path $path -StaffCount 80 -Seed 3
        $info.GetType().FullName | Should -Be 'Aether.TitanHst.Sample.SampleDistrictInfo' -Because 'the engine lives in its own load context, so the type is checked by name'
        $info.StaffCount | Should -Be 80
        $info.Seed | Should -Be 3
        $info.ContractPath | Should -Be (Join-Path $path 'contract.jsonc')
        $info.Files | ForEach-Object { $_ | Should -Exist }
        Join-Path $path 'mapping-contract.schema.json' | Should -Exist
        Join-Path $path 'titanhst-seed.json' | Should -Exist
        (Import-MappingContract -Path $info.ContractPath).Id | Should -Be 'sample-usd-staff'
    }

    It 'is deterministic per seed' {
        $a = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'a') -StaffCount 50 -Seed 9
        $b = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'b') -StaffCount 50 -Seed 9
        (Get-FileHash (Join-Path $a.Path 'exports/hr-employees.csv')).Hash | Should -Be (Get-FileHash (Join-Path $b.Path 'exports/hr-employees.csv')).Hash
    }

    It 'refuses a folder that is not empty unless -Force is given' {
        $path = Join-Path $TestDrive 'busy'
        New-Item -ItemType Directory -Force $path | Out-Null
        Set-Content (Join-Path $path 'keep.txt') 'mine'
        { New-TitanHstSampleDistrict -Path $path -StaffCount 10 -ErrorAction Stop } |
            Should -Throw -ErrorId 'SampleFolderNotEmpty,Aether.TitanHst.PowerShell.Commands.NewTitanHstSampleDistrictCommand'
        New-TitanHstSampleDistrict -Path $path -StaffCount 10 -Force | Should -Not -BeNullOrEmpty
        Join-Path $path 'keep.txt' | Should -Exist
    }

    It 'leaves the TitanHST seed out with -NoTargetSeed' {
        $info = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'bare') -StaffCount 20 -NoTargetSeed
        Join-Path $info.Path 'titanhst-seed.json' | Should -Not -Exist
        $info.Files | Should -Not -Contain (Join-Path $info.Path 'titanhst-seed.json')
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif'
        New-TitanHstSampleDistrict -Path $path -StaffCount 10 -WhatIf | Should -BeNullOrEmpty
        $path | Should -Not -Exist
    }
}
