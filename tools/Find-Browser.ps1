<#
.SYNOPSIS
    Finds a Chromium-family browser (Chromium, Chrome or Edge) that can take headless screenshots.

.DESCRIPTION
    The report test (tests/pester/Report.Tests.ps1) renders the HTML report with a headless browser. Chromium,
    Google Chrome and Microsoft Edge all take the same headless flags, so any of them will do. Looks in the
    folders of -SearchPath first (PATH by default), then in the usual install folders of Windows and macOS.
    Writes the full path of the first one found, or nothing.

.PARAMETER SearchPath
    The folders to search, separated as in PATH. Defaults to $env:PATH.

.PARAMETER KnownLocation
    Full paths tried after SearchPath. Defaults to where Chrome and Edge install on Windows and macOS.

.EXAMPLE
    $browser = & ./tools/Find-Browser.ps1
#>
[CmdletBinding()]
[OutputType([string])]
param(
    [AllowEmptyString()]
    [string] $SearchPath = $env:PATH,

    [AllowEmptyCollection()]
    [string[]] $KnownLocation = $null
)

Set-StrictMode -Version Latest

$names = 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'msedge', 'microsoft-edge', 'microsoft-edge-stable'
$isWindowsHost = [System.IO.Path]::DirectorySeparatorChar -eq '\'

if ($null -eq $KnownLocation) {
    $KnownLocation = @(
        foreach ($base in $env:ProgramFiles, ${env:ProgramFiles(x86)}, $env:LOCALAPPDATA) {
            if ($base) {
                Join-Path $base 'Microsoft\Edge\Application\msedge.exe'
                Join-Path $base 'Google\Chrome\Application\chrome.exe'
                Join-Path $base 'Chromium\Application\chrome.exe'
            }
        }
        '/Applications/Chromium.app/Contents/MacOS/Chromium'
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'
    )
}

$folders = @($SearchPath -split [regex]::Escape([System.IO.Path]::PathSeparator) | Where-Object { $_ })
$candidates = @(
    foreach ($folder in $folders) {
        foreach ($name in $names) {
            if ($isWindowsHost) { Join-Path $folder "$name.exe" } else { Join-Path $folder $name }
        }
    }
    $KnownLocation
)

foreach ($candidate in $candidates) {
    if ($candidate -and (Test-Path -LiteralPath $candidate -PathType Leaf)) {
        return (Resolve-Path -LiteralPath $candidate).ProviderPath
    }
}
