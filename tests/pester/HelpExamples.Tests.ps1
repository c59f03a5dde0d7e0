# Every example in docs/help/*.md runs here against the emulator, each in its own folder and scope with the
# variables it expects, or is in the skip list below with the reason it cannot run on this machine. An example that
# is neither run nor skipped fails the suite, so new help cannot ship an example nobody ran.

BeforeDiscovery {
    $helpFolder = Join-Path $PSScriptRoot '../../docs/help'
    $script:examples = foreach ($file in Get-ChildItem $helpFolder -Filter '*-*.md' | Sort-Object Name) {
        $text = Get-Content -Raw -LiteralPath $file.FullName
        $cmdlet = $file.BaseName
        foreach ($m in [regex]::Matches($text, '(?ms)^### Example (\d+): ([^\r\n]*)\r?\n```powershell\r?\n(.*?)\r?\n```')) {
            @{ Key = "$cmdlet#$($m.Groups[1].Value)"; Cmdlet = $cmdlet; Title = $m.Groups[2].Value.Trim(); Code = $m.Groups[3].Value }
        }
    }
    # Examples with a powershell block that the regex above did not pick up would escape the suite: count them.
    $script:blockCount = @(Get-ChildItem $helpFolder -Filter '*-*.md' | ForEach-Object { [regex]::Matches((Get-Content -Raw $_.FullName), '(?m)^```powershell') }).Count
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force

    # Examples that cannot run on this machine, and why. Anything else runs.
    $script:skip = @{
    }

    # Examples whose point is a refusal: they must fail with this error id (anything else fails the test).
    $script:expectedError = @{
    }

    $script:saved = @{}
    foreach ($name in 'AETHER_TITANHST_RUNS', 'AETHER_TITANHST_AUDIT', 'AETHER_TITANHST_KEYS', 'AETHER_TITANHST_LOCKS') {
        $script:saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, (Join-Path $TestDrive ($name.Substring(16).ToLowerInvariant())))
    }

    # One sample district and one emulator for the whole file; each example gets a copy of the district and a reset emulator.
    $script:template = Join-Path $TestDrive 'template'
    New-TitanHstSampleDistrict -Path (Join-Path $script:template 'district') -StaffCount 60 -Seed 11 | Out-Null
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:template 'district/titanhst-seed.json')

    function Invoke-HelpExample([string] $Key, [string] $Code) {
        $folder = Join-Path $TestDrive ('ex-' + ($Key -replace '[^A-Za-z0-9]', '-'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        if ($Code -notmatch 'New-TitanHstSampleDistrict\s+-Path\s+\./district\b') {
            Copy-Item -Recurse (Join-Path $script:template 'district') (Join-Path $folder 'district')
        }
        Reset-Emulator $script:emulator
        Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential -WriteCredential $script:emulator.Credential
        Push-Location $folder
        try {
            $example = [scriptblock]::Create($Code)
            $shared = $script:emulator
            # A child scope per example, holding the variables the help assumes from earlier steps.
            $variables = & {
                $ErrorActionPreference = 'Stop'
                $ConfirmPreference = 'None'
                $ProgressPreference = 'SilentlyContinue'
                $emulator = $shared
                if ($Code -match '\$contract\b' -and $Code -notmatch '\$contract\s*=') { $contract = Import-MappingContract ./district/contract.jsonc }
                foreach ($name in 'diff', 'changes') {
                    if ($Code -match "\`$$name\b" -and $Code -notmatch "\`$$name\s*=") {
                        Set-Variable $name @(Get-TitanHstDiff -Contract ./district/contract.jsonc -WarningAction SilentlyContinue)
                    }
                }
                . $example *>&1 | Out-String -Width 200 | Out-Null
                Get-Variable -Scope 0
            }
        }
        finally {
            Pop-Location
            # Stop any emulator the example started (the shared one stays).
            foreach ($v in @($variables)) {
                if ($v.Value -and $v.Value.GetType().Name -eq 'TitanHstEmulatorInstance' -and $v.Value.ProcessId -ne $shared.ProcessId) {
                    $v.Value | Stop-TitanHstEmulator -Confirm:$false -ErrorAction SilentlyContinue
                }
            }
        }
    }
}

AfterAll {
    Disconnect-TitanHst -ErrorAction SilentlyContinue
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
    foreach ($name in $script:saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:saved[$name]) }
}

Describe 'Help examples' {
    It 'finds every powershell block of docs/help (<_> blocks)' -ForEach $script:blockCount {
        @($script:examples).Count | Should -Be $_ -Because 'each block must sit right under an "### Example N: title" heading'
    }

    It 'skips only examples that exist' {
        $keys = @($script:examples | ForEach-Object { $_.Key })
        @($script:skip.Keys + $script:expectedError.Keys | Where-Object { $_ -notin $keys }) | Should -BeNullOrEmpty
    }

    It '<Key>: <Title>' -ForEach $script:examples {
        if ($script:skip.ContainsKey($Key)) {
            Set-ItResult -Skipped -Because $script:skip[$Key]
            return
        }
        if ($script:expectedError.ContainsKey($Key)) {
            $thrown = { Invoke-HelpExample $Key $Code } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike "$($script:expectedError[$Key]),*"
            return
        }
        Invoke-HelpExample $Key $Code
    }
}
