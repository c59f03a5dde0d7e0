# What people do with the module's objects: Format-List shows only properties that exist, Export-Csv never writes a
# .NET type name into a cell, and Measure-TitanHstDiff does not read as an empty TitanHST.
BeforeDiscovery {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    $script:listItems = foreach ($file in Get-ChildItem (Join-Path $root 'module/Aether.TitanHst') -Recurse -Filter '*.format.ps1xml') {
        $xml = [xml](Get-Content -Raw $file.FullName)
        foreach ($item in $xml.SelectNodes('//View/ListControl/ListEntries/ListEntry/ListItems/ListItem')) {
            $view = $item.SelectSingleNode('ancestor::View')
            $label = $item.SelectSingleNode('Label'); $property = $item.SelectSingleNode('PropertyName')
            $name = if ($label) { $label.InnerText } else { $property.InnerText }
            @{ File = $file.Name; TypeName = $view.SelectSingleNode('ViewSelectedBy/TypeName').InnerText; Name = $name }
        }
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    function Find-ModuleType([string] $Name) {
        # The engine loads in its own load context on PowerShell 7, so look in every context.
        foreach ($assembly in [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies) {
            $type = $assembly.GetType($Name, $false)
            if ($type) { return $type }
        }
    }
    # Loads the engine assembly (the first call into it).
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 100 -Seed 5
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential
    $script:contract = Import-MappingContract $script:district.ContractPath
    $script:diff = @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue)

    # A .NET type name in a cell: "System.Collections.Generic.List`1[System.String]", "Aether.TitanHst.Diff.X".
    $script:typeName = '(System|Aether)\.[A-Za-z]+\.[A-Za-z.`0-9]+|`\d\['
    function Get-TypeNameCell([object[]] $InputObject) {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.csv')
        $InputObject | Export-Csv -LiteralPath $path -NoTypeInformation
        foreach ($row in Import-Csv -LiteralPath $path) {
            foreach ($p in $row.PSObject.Properties) { if ($p.Value -match $script:typeName) { "$($p.Name)=$($p.Value)" } }
        }
    }
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Format-List views' {
    It '<File>: <TypeName> shows <Name>, a property that exists' -ForEach $script:listItems {
        $type = Find-ModuleType $TypeName
        $type | Should -Not -BeNullOrEmpty -Because "$TypeName is the type the view is for"
        $type.GetProperty($Name) | Should -Not -BeNullOrEmpty -Because "Format-List must not show a '$Name' that Select-Object $Name cannot find"
    }
}

Describe 'Export-Csv never writes a .NET type name into a cell' {
    It 'of a diff summary (Measure-TitanHstDiff and Get-TitanHstDiff -Summary)' {
        Get-TypeNameCell @($script:diff | Measure-TitanHstDiff) | Should -BeNullOrEmpty
        Get-TypeNameCell @(Get-TitanHstDiff -Contract $script:contract -Summary -WarningAction SilentlyContinue) | Should -BeNullOrEmpty
        $summary = $script:diff | Measure-TitanHstDiff
        "$($summary.BySite)" | Should -Match '^[^;]+: \d+(, [^;]+: \d+)*$'
    }

    It 'of a run, and of audit entries' {
        $run = @($script:diff | Where-Object IsApplicable | Select-Object -First 2 |
            Invoke-TitanHstApply -Contract $script:contract -Confirm:$false -WarningAction SilentlyContinue)[-1]
        $run.GetType().Name | Should -Be 'ApplyRunSummary'
        Get-TypeNameCell @($run) | Should -BeNullOrEmpty
        Get-TypeNameCell @(Get-TitanHstRun -Last 1) | Should -BeNullOrEmpty
        $entries = @(Get-TitanHstAuditLog | Select-Object -Last 20)
        $entries.Count | Should -BeGreaterThan 0
        Get-TypeNameCell $entries | Should -BeNullOrEmpty
    }
}

Describe 'Measure-TitanHstDiff' {
    It 'does not read as "TitanHST is empty" when it only counted changes' {
        $measured = $script:diff | Measure-TitanHstDiff
        $measured.CountedSourcesAndTarget | Should -BeFalse
        $measured.Target | Should -Match 'not counted'
        ($measured | Format-List | Out-String) | Should -Not -Match '0 records'
        $full = Get-TitanHstDiff -Contract $script:contract -Summary -WarningAction SilentlyContinue
        $full.CountedSourcesAndTarget | Should -BeTrue
        $full.Target | Should -Match '^\d+ records' 
        $full.TargetRecords | Should -BeGreaterThan 0
    }
}
