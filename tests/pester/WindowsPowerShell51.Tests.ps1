# Every shipped .ps1 parses and avoids PowerShell 6+-only syntax and cmdlet parameters: the module promises Windows
# PowerShell 5.1, and no 5.1 host runs here.
BeforeDiscovery {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    # What ships in the module, and the tools a district runs itself (the demo). The other tools (build, bench,
    # soak, help builder, test prerequisites) run under the repository's own PowerShell 7 (dotnet pwsh).
    $userTools = 'Demo.ps1'
    $script:shipped = @(
        Get-ChildItem (Join-Path $root 'module') -Recurse -Include '*.ps1', '*.psm1'
        Get-ChildItem (Join-Path $root 'tools') -Filter '*.ps1' | Where-Object Name -in $userTools
    ) | ForEach-Object { @{ Path = $_.FullName; Name = $_.Name } }
    $script:constructs = @(
        @{ Code = '$a = $b ? 1 : 2'; Expect = 'ternary' }
        @{ Code = '$a = $b ?? 1'; Expect = 'null-coalescing operator' }
        @{ Code = '$a ??= 1'; Expect = 'null-coalescing assignment' }
        @{ Code = '${a}?.Length'; Expect = 'null-conditional member' }
        @{ Code = 'git status && echo ok'; Expect = 'pipeline chain' }
        @{ Code = '1..3 | ForEach-Object -Parallel { $_ }'; Expect = 'ForEach-Object -Parallel' }
        @{ Code = "Join-Path `$PSScriptRoot '..' 'x.psd1'"; Expect = 'Join-Path with 3 positional' }
        @{ Code = "Join-Path a b -AdditionalChildPath c"; Expect = 'Join-Path -AdditionalChildPath' }
        @{ Code = 'function f { process { 1 } clean { 2 } }'; Expect = 'clean {} block' }
        @{ Code = 'Set-Content x -Value 1 -Encoding utf8NoBOM'; Expect = '-Encoding utf8NoBOM' }
        @{ Code = 'Get-Content x -AsByteStream'; Expect = 'Get-Content -AsByteStream' }
        @{ Code = 'Export-Csv x -Encoding utf8BOM'; Expect = '-Encoding utf8BOM' }
        @{ Code = 'ConvertFrom-Json $t -Depth 5'; Expect = 'ConvertFrom-Json -Depth' }
        @{ Code = 'Split-Path $p -LeafBase'; Expect = 'Split-Path -LeafBase' }
        @{ Code = 'ConvertFrom-Json $t -AsHashtable'; Expect = 'ConvertFrom-Json -AsHashtable' }
        @{ Code = 'if ($IsWindows) { 1 }'; Expect = 'IsWindows' }
        @{ Code = 'Test-Json -Json $t'; Expect = 'cmdlet Test-Json' }
        @{ Code = 'Invoke-RestMethod -Uri $u -SkipCertificateCheck'; Expect = 'SkipCertificateCheck' }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/WindowsPowerShell51.psm1" -Force
}

Describe 'The 5.1 syntax check itself' {
    It 'finds <Expect> in: <Code>' -ForEach $script:constructs {
        $found = @(Find-PowerShell6OnlySyntax -Text $Code)
        ($found.What -join '; ') | Should -Match ([regex]::Escape($Expect))
    }

    It 'passes code that 5.1 runs' {
        @(Find-PowerShell6OnlySyntax -Text "Join-Path (Split-Path -Parent `$PSScriptRoot) 'x.psd1'; if (`$a) { 1 } else { 2 }; Set-Content x -Value 1 -Encoding UTF8; Join-Path -Path a -ChildPath b; Split-Path -Leaf `$p; Split-Path `$p -Leaf") |
            Should -BeNullOrEmpty
    }
}

Describe 'Shipped scripts run on Windows PowerShell 5.1' {
    It '<Name> parses and uses no PowerShell 6+-only syntax or parameter' -ForEach $script:shipped {
        $problems = @(Find-PowerShell6OnlySyntax -Path $Path | ForEach-Object { "$($_.File):$($_.Line): $($_.What)" })
        $problems | Should -BeNullOrEmpty
    }

    It 'checks at least the scheduled-sync script and the demo' -ForEach @{ Names = $script:shipped.Name } {
        $Names | Should -Contain 'Invoke-TitanHstScheduledSync.ps1'
        $Names | Should -Contain 'Demo.ps1'
    }
}
