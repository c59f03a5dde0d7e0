<#
.SYNOPSIS
    Makes sure the test suite has what it needs beyond the .NET SDK: a headless Chromium, Chrome or Edge.

.DESCRIPTION
    Called by build.ps1 -Task Test before anything runs. Uses tools/Find-Browser.ps1; when no browser is found:
    on Debian or Ubuntu as root, installs Debian's 'chromium' with apt-get (apt-get update first) and says so;
    anywhere else, stops with one line naming the package to install. Writes the browser's full path.

.PARAMETER SearchPath
    The folders to search for the browser (PATH by default); passed to Find-Browser.ps1.

.PARAMETER KnownLocation
    Install locations tried after SearchPath; passed to Find-Browser.ps1.

.PARAMETER OsReleasePath
    The os-release file that tells Debian and Ubuntu apart from other systems (default /etc/os-release).

.PARAMETER AptGet
    The apt-get to run (default apt-get from PATH).

.EXAMPLE
    $browser = & ./tools/Install-TestPrerequisites.ps1
#>
[CmdletBinding()]
[OutputType([string])]
param(
    [AllowEmptyString()]
    [string] $SearchPath = $env:PATH,

    [AllowEmptyCollection()]
    [string[]] $KnownLocation = $null,

    [string] $OsReleasePath = '/etc/os-release',

    [string] $AptGet = 'apt-get'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$find = Join-Path $PSScriptRoot 'Find-Browser.ps1'
$lookup = @{ SearchPath = $SearchPath }
if ($null -ne $KnownLocation) { $lookup.KnownLocation = $KnownLocation }

$browser = & $find @lookup
if ($browser) { return $browser }

function Test-DebianFamily {
    if (-not (Test-Path -LiteralPath $OsReleasePath)) { return $false }
    $fields = @{}
    foreach ($line in Get-Content -LiteralPath $OsReleasePath) {
        if ($line -match '^([A-Z_]+)=(.*)$') { $fields[$Matches[1]] = $Matches[2].Trim('"', "'") }
    }
    $ids = @($fields['ID']) + @(([string]$fields['ID_LIKE']) -split '\s+')
    [bool]($ids | Where-Object { $_ -in 'debian', 'ubuntu' })
}

function Test-Root {
    if ([System.IO.Path]::DirectorySeparatorChar -eq '\') { return $false }
    $id = & id -u 2>$null
    "$id".Trim() -eq '0'
}

$isWindowsHost = [System.IO.Path]::DirectorySeparatorChar -eq '\'
if (-not $isWindowsHost -and (Test-DebianFamily) -and (Test-Root)) {
    Write-Host "No Chromium, Chrome or Edge found: installing Debian's 'chromium' with apt-get (the report test renders HTML with it)." -ForegroundColor Yellow
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & $AptGet update -qq
    if ($LASTEXITCODE -ne 0) { throw "'$AptGet update' failed with exit code $LASTEXITCODE; install the 'chromium' package and run the tests again." }
    & $AptGet install -y -qq chromium
    if ($LASTEXITCODE -ne 0) { throw "'$AptGet install chromium' failed with exit code $LASTEXITCODE; install the 'chromium' package and run the tests again." }
    $browser = & $find @lookup
    if ($browser) { return $browser }
    throw "apt-get installed 'chromium' but it is not on PATH; add its folder to PATH and run the tests again."
}

$package = if ($isWindowsHost) { "Microsoft Edge (winget install Microsoft.Edge)" }
    elseif ($IsMacOS) { "Chromium (brew install --cask chromium)" }
    else { "the 'chromium' package with your package manager (Debian/Ubuntu: sudo apt-get install chromium)" }
throw "No Chromium, Chrome or Edge found for the report test; install $package, then run the tests again."
