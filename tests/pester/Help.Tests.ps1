# Every exported cmdlet has full help (docs/help/<Verb-Noun>.md, built into MAML by tools/Build-Help.ps1), the
# about_ topics are found, the help builder rejects wrong help, and the argument completers answer.

BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../../out/Aether.TitanHst/Aether.TitanHst.psd1'
    $cmdlets = @((Import-PowerShellDataFile $manifest).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    $topics = @('about_Aether_TitanHst', 'about_TitanHst_MappingContract', 'about_TitanHst_Safety' | ForEach-Object { @{ Topic = $_ } })
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/../../out/Aether.TitanHst/Aether.TitanHst.psd1" -Force
    # Documented by the help builder itself (WhatIf, Confirm) or by PowerShell (the common parameters).
    $script:NotOurs = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $script:HelpFolder = 'docs/help'

    # Help objects are property bags whose shape depends on what the help holds; read them safely under strict mode.
    function Get-HelpValue($Object, [string[]] $Path) {
        foreach ($name in $Path) {
            if ($null -eq $Object) { return }
            $Object = @($Object | ForEach-Object { $p = $_.PSObject.Properties[$name]; if ($p) { $p.Value } })
            if ($Object.Count -eq 0) { return }
            if ($Object.Count -eq 1) { $Object = $Object[0] }
        }
        $Object
    }
    function Get-HelpText($Object) { ((Get-HelpValue $Object 'Text') -join "`n").Trim() }
}

Describe 'Get-Help <Name> -Full' -ForEach $cmdlets {
    BeforeAll {
        $script:command = Get-Command $Name -Module Aether.TitanHst
        $script:help = Get-Help $Name -Full
        $script:source = "$script:HelpFolder/$Name.md (see docs/help/README.md)"
    }

    It 'has a synopsis of its own, not the generated syntax line' {
        $synopsis = "$(Get-HelpValue $help 'Synopsis')".Trim()
        $synopsis | Should -Not -BeNullOrEmpty -Because "$Name needs '## SYNOPSIS' in $source"
        $synopsis | Should -Not -BeLike "$Name *" -Because "without help, Get-Help shows the syntax as the synopsis; add $source"
        $synopsis | Should -Not -Match '\[<CommonParameters>\]' -Because "add $source"
    }

    It 'has a description' {
        Get-HelpText (Get-HelpValue $help 'description') | Should -Not -BeNullOrEmpty -Because "$Name needs '## DESCRIPTION' in $source"
    }

    It 'describes every parameter' {
        $documented = @{}
        foreach ($p in @(Get-HelpValue $help 'parameters', 'parameter')) {
            if ($p -and (Get-HelpText (Get-HelpValue $p 'description'))) { $documented["$(Get-HelpValue $p 'name')"] = $true }
        }
        $undocumented = @($command.Parameters.Keys | Where-Object { $_ -notin $script:NotOurs -and -not $documented[$_] })
        $undocumented | Should -BeNullOrEmpty -Because "each needs '### -Name' and a description under '## PARAMETERS' in $source"
    }

    It 'has at least two examples, each with code' {
        $examples = @(Get-HelpValue $help 'examples', 'example')
        $examples.Count | Should -BeGreaterOrEqual 2 -Because "$Name needs two '### Example N: title' entries with a powershell block in $source"
        foreach ($example in $examples) {
            "$(Get-HelpValue $example 'code')".Trim() | Should -Not -BeNullOrEmpty -Because "example '$(Get-HelpValue $example 'title')' of $Name needs code"
        }
    }

    It 'documents every declared output type' {
        $documented = @(Get-HelpValue $help 'returnValues', 'returnValue' | ForEach-Object { "$(Get-HelpValue $_ 'type', 'name')".Trim() })
        foreach ($type in $command.OutputType.Name) {
            $expected = if ($type -eq 'System.Void') { 'None' } else { $type }
            $documented | Should -Contain $expected -Because "[OutputType] of $Name names $type; add '### $expected' under '## OUTPUTS' in $source"
        }
    }
}

Describe 'About topic <Topic>' -ForEach $topics {
    It 'is found by Get-Help and has the standard layout' {
        $text = Get-Help $Topic -ErrorAction Stop | Out-String
        $text | Should -Match "TOPIC\s+$Topic"
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Match 'SEE ALSO'
    }
}

Describe 'about_Aether_TitanHst' {
    It 'lists, by stage, exactly the cmdlets the module exports' {
        $text = Get-Content -Raw (Join-Path (Get-RepoRoot) 'docs/about/about_Aether_TitanHst.help.txt')
        $section = [regex]::Match($text, '(?s)THE CMDLETS BY STAGE(.*?)\r?\n\s*Get-Command -Module').Groups[1].Value
        $section | Should -Not -BeNullOrEmpty -Because 'the topic has a cmdlet list that ends by pointing at Get-Command'
        $listed = @([regex]::Matches($section, '\b[A-Z][a-z]+-(?:TitanHst|MappingContract)[A-Za-z]*\b').Value | Sort-Object -Unique)
        $exported = @((Get-Command -Module Aether.TitanHst -CommandType Cmdlet, Function).Name | Sort-Object -Unique)
        Compare-Object $exported $listed | ForEach-Object { "$($_.InputObject) $(if ($_.SideIndicator -eq '<=') { 'exported but not listed' } else { 'listed but not exported' })" } |
            Should -BeNullOrEmpty
    }
}

Describe 'tools/Build-Help.ps1' {
    BeforeAll {
        $script:repo = Get-RepoRoot
        $script:moduleCopy = Join-Path $TestDrive 'module'
        Copy-Item -Recurse (Split-Path (Get-BuiltModulePath)) $moduleCopy

        function New-HelpRoot([scriptblock] $Change) {
            $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory (Join-Path $root 'docs') | Out-Null
            Copy-Item -Recurse (Join-Path $script:repo 'docs/help'), (Join-Path $script:repo 'docs/about') (Join-Path $root 'docs')
            & $Change (Join-Path $root 'docs/help')
            $root
        }

        function Invoke-HelpBuilder([string] $Root) {
            $builder = Join-Path $script:repo 'tools/Build-Help.ps1'
            $code = "try { & '$builder' -ModuleOut '$script:moduleCopy' -Root '$Root' -WarningAction SilentlyContinue; 'BUILT' } catch { 'FAILED: ' + `$_.Exception.Message }"
            Invoke-ChildPwsh $code | Out-String
        }
    }

    It 'writes the MAML file binary cmdlets look up, and the about topics' {
        $root = New-HelpRoot { }
        Invoke-HelpBuilder $root | Should -Match 'BUILT'
        $maml = [xml](Get-Content -Raw (Join-Path $moduleCopy 'en-US/Aether.TitanHst.PowerShell.dll-Help.xml'))
        $maml.helpItems.schema | Should -Be 'maml'
        $maml.helpItems.command.Count | Should -Be (Import-PowerShellDataFile (Get-BuiltModulePath)).CmdletsToExport.Count
        Join-Path $moduleCopy 'en-US/about_TitanHst_Safety.help.txt' | Should -Exist
    }

    It 'fails the build for a parameter the cmdlet does not have' {
        $root = New-HelpRoot { param($help)
            (Get-Content -Raw (Join-Path $help 'Import-MappingContract.md')) -replace '## INPUTS', "### -Bogus`nNot a parameter.`n`n## INPUTS" |
                Set-Content (Join-Path $help 'Import-MappingContract.md') }
        Invoke-HelpBuilder $root | Should -Match 'Import-MappingContract\.md: documents parameter -Bogus, but Import-MappingContract has no such parameter'
    }

    It 'fails the build for a missing section' {
        $root = New-HelpRoot { param($help)
            (Get-Content -Raw (Join-Path $help 'Get-TitanHstStaff.md')) -replace '(?s)## NOTES.*?(?=## RELATED LINKS)', '' |
                Set-Content (Join-Path $help 'Get-TitanHstStaff.md') }
        Invoke-HelpBuilder $root | Should -Match "Get-TitanHstStaff\.md: missing section '## NOTES'"
    }

    It 'fails the build for help of a cmdlet the module does not export' {
        $root = New-HelpRoot { param($help)
            (Get-Content -Raw (Join-Path $help 'Disconnect-TitanHst.md')) -replace '# Disconnect-TitanHst', '# Remove-TitanHstEverything' |
                Set-Content (Join-Path $help 'Remove-TitanHstEverything.md') }
        Invoke-HelpBuilder $root | Should -Match 'the module exports no cmdlet .Remove-TitanHstEverything.'
    }
}

Describe 'Argument completers' {
    BeforeAll {
        $script:district = Join-Path $TestDrive 'completion'
        New-Item -ItemType Directory $district | Out-Null
        New-TitanHstSampleDistrict -Path (Join-Path $district 'district') -StaffCount 20 | Out-Null
        Push-Location $district
        $script:sep = [IO.Path]::DirectorySeparatorChar

        function Get-Completion([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
        }
    }
    AfterAll { Pop-Location }

    It 'offers the sample contract for <Line>' -ForEach @(
        @{ Line = 'Import-MappingContract ' }
        @{ Line = 'Import-MappingContract -Path dis' }
        @{ Line = 'Test-MappingContract -Path ' }
        @{ Line = 'Import-TitanHstSource -Contract contr' }
        @{ Line = 'Publish-MappingContract -Contract ./district/' }
    ) {
        $found = Get-Completion $Line
        $found.CompletionText | Should -Contain ".${sep}district${sep}contract.jsonc" -Because ($found.CompletionText -join ', ')
    }

    It 'offers no schema, seed or version-history files' {
        Publish-MappingContract -Contract ./district/contract.jsonc -Reason 'review' -Confirm:$false | Out-Null
        $texts = (Get-Completion 'Import-MappingContract ').CompletionText
        $texts | Should -Not -BeNullOrEmpty
        $texts | Where-Object { $_ -notlike '*.jsonc' } | Should -BeNullOrEmpty
    }

    It 'offers a -SourcePath hashtable per source of the contract on the command line' {
        $texts = (Get-Completion 'Import-TitanHstSource -Contract ./district/contract.jsonc -SourcePath ').CompletionText
        $texts | Should -Contain "@{ hr = '.${sep}district${sep}exports${sep}hr-employees.csv' }"
        $texts | Should -Contain "@{ aeries = '.${sep}district${sep}exports${sep}aeries-staff.csv' }"
    }

    It 'offers both reference kinds for -Kind' {
        (Get-Completion 'Get-TitanHstReference -Kind ').CompletionText | Should -Be @('Role', 'Site')
    }
}
