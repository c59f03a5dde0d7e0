# The Test task's set-up (tools/Install-TestPrerequisites.ps1 over tools/Find-Browser.ps1), with the browser lookup
# pointed at an empty PATH and no known install folders, so the outcome never depends on this machine's browser.
BeforeAll {
    $script:tools = Join-Path $PSScriptRoot '../../tools'
    $script:install = Join-Path $script:tools 'Install-TestPrerequisites.ps1'
    $script:find = Join-Path $script:tools 'Find-Browser.ps1'
    $script:isWindowsHost = [System.IO.Path]::DirectorySeparatorChar -eq '\'

    function New-FakeBrowser([string] $Folder, [string] $Name) {
        New-Item -ItemType Directory -Force $Folder | Out-Null
        $file = if ($script:isWindowsHost) { Join-Path $Folder "$Name.exe" } else { Join-Path $Folder $Name }
        Set-Content -LiteralPath $file -Value '#!/bin/sh'
        $file
    }
}

Describe 'Find-Browser.ps1' {
    It 'finds nothing on an empty PATH with no known install folders' {
        & $script:find -SearchPath '' -KnownLocation @() | Should -BeNullOrEmpty
    }

    It 'finds <Name> in a PATH folder' -ForEach @(@{ Name = 'chromium' }, @{ Name = 'google-chrome' }, @{ Name = 'msedge' }) {
        $folder = Join-Path $TestDrive "bin-$Name"
        $expected = New-FakeBrowser $folder $Name
        & $script:find -SearchPath $folder -KnownLocation @() | Should -Be (Resolve-Path $expected).ProviderPath
    }

    It 'falls back to a known install location (Edge on Windows)' {
        $edge = New-FakeBrowser (Join-Path $TestDrive 'Edge/Application') 'msedge'
        & $script:find -SearchPath '' -KnownLocation $edge | Should -Be (Resolve-Path $edge).ProviderPath
    }
}

Describe 'Install-TestPrerequisites.ps1' {
    It 'returns the browser it finds without installing anything' {
        $folder = Join-Path $TestDrive 'found'
        $expected = New-FakeBrowser $folder 'chromium'
        & $script:install -SearchPath $folder -KnownLocation @() -AptGet 'no-such-apt-get' | Should -Be (Resolve-Path $expected).ProviderPath
    }

    It 'stops with one line naming the package when no browser is found and it cannot install (not Debian)' {
        $osRelease = Join-Path $TestDrive 'os-release-fedora'
        Set-Content -LiteralPath $osRelease -Value 'ID=fedora', 'ID_LIKE="rhel centos"'
        $message = $null
        try { & $script:install -SearchPath '' -KnownLocation @() -OsReleasePath $osRelease -AptGet 'no-such-apt-get' }
        catch { $message = $_.Exception.Message }
        $message | Should -Not -BeNullOrEmpty -Because 'the set-up must stop before any test runs'
        $message | Should -Match 'No Chromium, Chrome or Edge found'
        $message | Should -Match '(?i)chromium|edge'
        $message | Should -Match 'install'
        $message.Split("`n").Count | Should -Be 1
    }

    It 'installs Debian''s chromium with apt-get (update first) on Debian as root, and says so' -Skip:([System.IO.Path]::DirectorySeparatorChar -eq '\' -or "$(& id -u)".Trim() -ne '0') {
        # A fake apt-get that records its calls and "installs" chromium into the searched folder.
        $bin = Join-Path $TestDrive 'apt-bin'
        New-Item -ItemType Directory -Force $bin | Out-Null
        $log = Join-Path $TestDrive 'apt.log'
        $apt = Join-Path $bin 'apt-get'
        Set-Content -LiteralPath $apt -Value @(
            '#!/bin/sh'
            "echo `"`$*`" >> '$log'"
            "if [ `"`$1`" = install ]; then printf '#!/bin/sh\n' > '$bin/chromium'; chmod +x '$bin/chromium'; fi"
        )
        & chmod +x $apt
        $osRelease = Join-Path $TestDrive 'os-release-debian'
        Set-Content -LiteralPath $osRelease -Value 'ID=debian'

        $said = & $script:install -SearchPath $bin -KnownLocation @() -OsReleasePath $osRelease -AptGet $apt 6>&1
        $browser = @($said | Where-Object { $_ -is [string] })[-1]
        $browser | Should -Be (Join-Path $bin 'chromium')
        "$(@($said | Where-Object { $_ -isnot [string] }))" | Should -Match "installing Debian's 'chromium' with apt-get"
        $calls = @(Get-Content -LiteralPath $log)
        $calls[0] | Should -Match '^update'
        $calls[1] | Should -Match '^install .*chromium'
    }
}

Describe 'Report.Tests.ps1 set-up' {
    It 'fails its BeforeAll with a clear message, not a PropertyNotFoundException, when no browser is found' {
        $text = Get-Content -Raw (Join-Path $PSScriptRoot 'Report.Tests.ps1')
        $text | Should -Match 'Find-Browser\.ps1'
        $text | Should -Not -Match '\)\.Source'
        # The lookup it runs, on an empty PATH, gives nothing, which its BeforeAll turns into the "No Chromium" throw.
        $env:PATH_BEFORE = $env:PATH
        try {
            $env:PATH = ''
            & $script:find -KnownLocation @() | Should -BeNullOrEmpty
        }
        finally { $env:PATH = $env:PATH_BEFORE; Remove-Item Env:PATH_BEFORE }
        $text | Should -Match "throw 'No Chromium, Chrome or Edge found"
    }
}
