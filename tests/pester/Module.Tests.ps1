BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:ManifestPath = Get-BuiltModulePath
    Import-Module $script:ManifestPath -Force
}

Describe 'The built module' {
    It 'has a valid manifest for Desktop and Core on PowerShell 5.1+' {
        $manifest = Test-ModuleManifest -Path $script:ManifestPath
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.Version | Should -Not -Be ([version]'0.0.0')
    }

    It 'exports exactly the cmdlets its assembly defines, listed explicitly' {
        $data = Import-PowerShellDataFile $script:ManifestPath
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.FunctionsToExport.Count | Should -Be 0
        $defined = [Aether.TitanHst.PowerShell.Module.ModuleAssemblyResolver].Assembly.GetTypes() |
            Where-Object { $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        ($data.CmdletsToExport | Sort-Object) | Should -Be ($defined | Sort-Object)
        (Get-Command -Module Aether.TitanHst).Count | Should -Be $data.CmdletsToExport.Count
    }

    It 'points no HelpUri, HelpInfoUri, ProjectUri or LicenseUri at a placeholder' {
        # A placeholder sends Get-Help -Online and the gallery page somewhere that is not this module; none is better.
        $placeholder = 'example\.(com|org|net)|contoso|localhost|127\.0\.0\.1|TODO|TBD|your-?org|<[^>]+>|^https?://$'
        $data = Import-PowerShellDataFile $script:ManifestPath
        $psData = $data['PrivateData']['PSData']
        $uris = @($data['HelpInfoUri']; $psData['ProjectUri']; $psData['LicenseUri']; $psData['IconUri']) | Where-Object { $_ }
        $uris += @([Aether.TitanHst.PowerShell.Module.ModuleAssemblyResolver].Assembly.GetTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } | ForEach-Object HelpUri | Where-Object { $_ })
        $uris += @(Get-Command -Module Aether.TitanHst | ForEach-Object HelpUri | Where-Object { $_ })
        @($uris | Where-Object { $_ -match $placeholder }) | Should -BeNullOrEmpty
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        Get-Command -Module Aether.TitanHst | ForEach-Object { $approved | Should -Contain $_.Verb }
    }

    It 'never ships System.Management.Automation.dll and keeps only the cmdlet assembly in its root' {
        $moduleBase = Split-Path $script:ManifestPath
        Get-ChildItem $moduleBase -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
        (Get-ChildItem $moduleBase -Filter '*.dll').Name | Should -Be 'Aether.TitanHst.PowerShell.dll'
        Join-Path $moduleBase 'dependencies/Aether.TitanHst.dll' | Should -Exist
    }

    It 'declares OutputType on every cmdlet' {
        Get-Command -Module Aether.TitanHst | ForEach-Object { $_.OutputType | Should -Not -BeNullOrEmpty -Because $_.Name }
    }

    It 'has a default view for every type its cmdlets write' {
        $types = Get-Command -Module Aether.TitanHst | ForEach-Object { $_.OutputType.Name } | Where-Object { $_ -notlike 'System.*' } | Sort-Object -Unique
        $types.Count | Should -BeGreaterThan 15
        foreach ($type in $types) { Get-FormatData -TypeName $type | Should -Not -BeNullOrEmpty -Because "$type needs a view in a .format.ps1xml" }
    }

    It 'declares SupportsShouldProcess on every cmdlet that changes state' {
        $changing = 'New', 'Publish', 'Invoke', 'Remove', 'Set', 'Start', 'Stop', 'Export', 'Resume'
        Get-Command -Module Aether.TitanHst | Where-Object Verb -in $changing | ForEach-Object {
            $_.Parameters.Keys | Should -Contain 'WhatIf' -Because $_.Name
        }
    }
}

Describe 'Dependency isolation' {
    It 'works after another module loaded a different CsvHelper into the session' {
        $oldCsvHelper = Join-Path (Get-NuGetPackageFolder CsvHelper 27.1.1) 'lib/netstandard2.1/CsvHelper.dll'
        $oldCsvHelper | Should -Exist -Because 'tools/Pester.Restore downloads CsvHelper 27.1.1 for this test'
        # A private copy: Test-MappingContract records the sources' headers beside the contract.
        $fixture = Join-Path (New-MiniDistrict) 'contract.jsonc'
        $output = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$oldCsvHelper'
`$before = [CsvHelper.CsvParser].Assembly.GetName().Version.ToString()
Import-Module '$($script:ManifestPath)'
`$count = @(Import-TitanHstSource -Contract '$fixture' -WarningAction SilentlyContinue).Count
# The exports are read by the module's own span reader; its header-drift probe still parses with CsvHelper.
`$null = Test-MappingContract -Contract '$fixture' -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
`$after = [CsvHelper.CsvParser].Assembly.GetName().Version.ToString()
`$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'CsvHelper' }
`$ours = (`$loaded | Where-Object Location -like '*dependencies*').GetName().Version.ToString()
"RESULT `$before `$after `$ours `$count `$(@(`$loaded).Count)"
"@
        $result = ($output | Where-Object { "$_" -like 'RESULT *' }) -split ' '
        $result | Should -Not -BeNullOrEmpty -Because ($output -join "`n")
        $result[1] | Should -Be '27.0.0.0'
        $result[2] | Should -Be '27.0.0.0' -Because 'the session keeps its own CsvHelper'
        $result[3] | Should -Not -Be '27.0.0.0' -Because 'the module uses its own, newer CsvHelper'
        [int]$result[4] | Should -Be 4
        [int]$result[5] | Should -Be 2 -Because 'both versions live side by side'
    }
}
