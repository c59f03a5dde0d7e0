# What people do with the module's objects: Format-List shows only properties that exist, ConvertTo-Json writes
# actions, risks, outcomes and statuses as names, Export-Csv never writes a .NET type name into a cell, and
# Measure-TitanHstDiff does not read as an empty TitanHST.
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

Describe 'ConvertTo-Json writes names, not numbers' {
    BeforeAll {
        # ConvertTo-Json without -EnumsAsStrings (and Windows PowerShell's, which has no such switch) writes an enum
        # property as its number: the public objects carry text, the typed values sit behind Get<Name>() methods.
        # A fresh diff: another block may already have applied the first changes of $script:diff.
        $fresh = @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue)
        $script:applied = @($fresh | Where-Object IsApplicable | Select-Object -First 3 |
            Invoke-TitanHstApply -Contract $script:contract -Confirm:$false -WarningAction SilentlyContinue)
        function ConvertTo-RoundTrip([object] $InputObject) { $InputObject | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue | ConvertFrom-Json }
    }

    It 'of a diff change: Action and Risk' {
        $change = $script:diff | Where-Object Action -eq Create | Select-Object -First 1
        $json = ConvertTo-RoundTrip $change
        $json.Action | Should -BeExactly 'Create'
        $json.Risk | Should -BeOfType [string]
        $json.Risk | Should -BeExactly $change.GetRisk().ToString()
        $change.GetAction() | Should -Be ([string]$change.GetAction()) -Because 'the typed value is still there for code'
    }

    It 'of an apply outcome: Outcome and Action' {
        $outcome = $script:applied | Where-Object { $_.GetType().Name -eq 'ChangeOutcome' } | Select-Object -First 1
        $outcome | Should -Not -BeNullOrEmpty
        $json = ConvertTo-RoundTrip $outcome
        $json.Outcome | Should -BeExactly 'Succeeded'
        $json.Action | Should -BeIn 'Create', 'Update', 'Reactivate', 'Deactivate', 'Delete'
        $json.Change.Action | Should -BeExactly $json.Action
    }

    It 'of a run: Status' {
        $json = ConvertTo-RoundTrip (Get-TitanHstRun -Last 1)
        $json.Status | Should -BeExactly 'Completed'
    }

    It 'of an audit entry: Kind, and each field''s Mode' {
        $entries = @(Get-TitanHstAuditLog | Select-Object -Last 20)
        $json = @(ConvertTo-RoundTrip $entries)
        $json.Kind | Should -Not -BeNullOrEmpty
        foreach ($kind in $json.Kind) { $kind | Should -BeOfType [string] }
        $modes = @($json | ForEach-Object { $_.Fields } | ForEach-Object { $_.Mode })
        $modes.Count | Should -BeGreaterThan 0
        foreach ($mode in $modes) { $mode | Should -Match '^[A-Z][A-Za-z]+$' }
    }

    It 'no property of an object a cmdlet emits is an enum (each would be a number in ConvertTo-Json)' {
        # Two levels deep, as ConvertTo-Json goes by default. MappingContract is left out: its JSON form is the
        # contract file itself (Publish-MappingContract), not a ConvertTo-Json of the object.
        function Find-EnumProperty([type] $Type, [string] $Path, [int] $Depth) {
            if ($Depth -gt 2) { return }
            foreach ($p in $Type.GetProperties()) {
                $t = $p.PropertyType
                if ([Nullable]::GetUnderlyingType($t)) { $t = [Nullable]::GetUnderlyingType($t) }
                if ($t.IsGenericType -and $t.GetGenericArguments().Count -eq 1) { $t = $t.GetGenericArguments()[0] }
                if ($t.IsEnum) { "$Path.$($p.Name) ($($t.Name))" }
                elseif ($t.Namespace -like 'Aether.*') { Find-EnumProperty $t "$Path.$($p.Name)" ($Depth + 1) }
            }
        }
        $types = Get-Command -Module Aether.TitanHst | ForEach-Object OutputType | ForEach-Object Type |
            Where-Object { $_ -and $_.Namespace -like 'Aether.*' -and $_.Name -ne 'MappingContract' } | Sort-Object FullName -Unique
        $types.Count | Should -BeGreaterThan 10
        @($types | ForEach-Object { Find-EnumProperty $_ $_.Name 0 }) | Should -BeNullOrEmpty
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

    It 'refuses what is not a change with one error saying what to pipe, and writes no summary' {
        # Before: three InputObjectNotBound errors, then an all-zero summary printed as if it were the answer.
        $out = $null; $err = $null
        try { $out = 1, 2, 3 | Measure-TitanHstDiff } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'NotDiffChanges,Aether.TitanHst.PowerShell.Diff.MeasureTitanHstDiffCommand'
        $err.Exception.Message | Should -Match 'not Int32; pipe those in: Get-TitanHstDiff -Contract <contract> \| Measure-TitanHstDiff'
        $out | Should -BeNullOrEmpty
        # Changes with something else among them: still refused, nothing counted.
        $out = $null; $err = $null
        try { $out = @($script:diff[0], 'x') | Measure-TitanHstDiff } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'NotDiffChanges,Aether.TitanHst.PowerShell.Diff.MeasureTitanHstDiffCommand'
        $out | Should -BeNullOrEmpty
    }
}
