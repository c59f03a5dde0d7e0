# Shared helpers for the Pester suites. Imported in BeforeAll; holds no test logic of its own.

$script:RepoRoot = (Resolve-Path "$PSScriptRoot/../..").Path

function Get-RepoRoot { $script:RepoRoot }

function Get-BuiltModulePath { Join-Path $script:RepoRoot 'out/Aether.TitanHst/Aether.TitanHst.psd1' }

function New-MiniDistrict {
    # A private copy of the mini-district fixture under TestDrive.
    $target = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    Copy-Item -Recurse (Join-Path $script:RepoRoot 'tests/fixtures/mini-district') $target
    $target
}

function Get-NuGetPackageFolder {
    param([Parameter(Mandatory)] [string] $Id, [Parameter(Mandatory)] [string] $Version)
    $root = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    Join-Path $root "$($Id.ToLowerInvariant())/$Version"
}

function Invoke-ChildPwsh {
    # Runs a script in a fresh PowerShell process (the same pwsh as this one) and returns its output lines.
    param([Parameter(Mandatory)] [string] $Script)
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("`$PSStyle.OutputRendering = 'PlainText'`n" + $Script))
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') {
        & ([Environment]::ProcessPath) $pwshDll -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
    }
    else {
        & ([Environment]::ProcessPath) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
    }
}

function Start-ChildPwsh {
    # Starts a script in a fresh PowerShell process without waiting; returns the Process. Environment variables
    # given in -Environment are set for the child only (for example a client secret, never on its command line).
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("`$PSStyle.OutputRendering = 'PlainText'`n" + $Script))
    $info = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded) { $info.ArgumentList.Add($a) }
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = [string]$Environment[$key] }
    $info.UseShellExecute = $false
    [Diagnostics.Process]::Start($info)
}

function Set-EmulatorConfig {
    # Changes the emulator's fault, rate and timing settings at run time (its /_emulator/config endpoint).
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Settings)
    Invoke-RestMethod -Method Put -Uri "$($Emulator.BaseUri)_emulator/config" -ContentType 'application/json' -Body ($Settings | ConvertTo-Json) | Out-Null
}

function Reset-Emulator {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)_emulator/reset" | Out-Null
}

function Resolve-PlantedPrimaryConflict {
    # The sample district plants a person whose HR rows claim two primary positions (decision 0011): a record that
    # cannot be built stops every unattended sync. HR settles it the way HR would: the later row is no longer primary.
    param([Parameter(Mandatory)] [string] $DistrictPath)
    $path = Join-Path $DistrictPath 'exports/hr-positions.csv'
    $rows = @(Import-Csv $path)
    $flagged = $rows | Where-Object PrimaryFlag -eq 'Y' | Group-Object EmpID | Where-Object Count -gt 1
    foreach ($group in $flagged) { $group.Group | Select-Object -Skip 1 | ForEach-Object { $_.PrimaryFlag = 'N' } }
    $rows | Export-Csv -NoTypeInformation -UseQuotes AsNeeded -Path $path
}

Export-ModuleMember -Function *
