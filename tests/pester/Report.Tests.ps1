BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    # build.ps1 -Task Test found (or installed) it; run alone, look it up the same way.
    $script:chromium = if ($env:AETHER_TITANHST_TEST_BROWSER -and (Test-Path -LiteralPath $env:AETHER_TITANHST_TEST_BROWSER)) { $env:AETHER_TITANHST_TEST_BROWSER }
        else { & (Join-Path $PSScriptRoot '../../tools/Find-Browser.ps1') }
    if (-not $script:chromium) {
        throw 'No Chromium, Chrome or Edge found for the report screenshots; run the tests with "dotnet pwsh ./build.ps1 -Task Test" (it installs or names what is missing), or install the chromium package.'
    }
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 200 -Seed 21
    $script:contract = Import-MappingContract $script:district.ContractPath
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $script:emulator.Credential

    # One record edited in TitanHST after the diff, so the run has a Stale outcome to report.
    $script:diff = @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue)
    $touched = $script:diff | Where-Object { $_.Action -eq 'Update' -and -not $_.Blocked } | Select-Object -First 1
    Invoke-RestMethod -Method Post -Uri "$($script:emulator.BaseUri)_emulator/staff/$($touched.TargetId)/touch" | Out-Null
    $script:summary = @($script:diff | Invoke-TitanHstApply -Contract $script:contract -AllowRoleChange -Override -Reason 'Pester: reviewed' -Confirm:$false)[-1]
    $script:validation = Test-TitanHstSync -Contract $script:contract -WarningAction SilentlyContinue

    $script:html = Join-Path $TestDrive 'report.html'
    $script:file = $script:summary | Export-TitanHstReport -Path $script:html -Contract $script:contract -Validation $script:validation -Confirm:$false
    $script:text = Get-Content -Raw -LiteralPath $script:html

    # Every personal value of a field the sample contract does not mark reportable, from both sides of the diff.
    $sources = @(Import-TitanHstSource -Contract $script:contract -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
    $seed = @((Get-Content -Raw (Join-Path $script:district.Path 'titanhst-seed.json') | ConvertFrom-Json).staff)
    $script:pii = @($sources + $seed | ForEach-Object { $_.firstName; $_.lastName; $_.email } | Where-Object { $_ } | Sort-Object -Unique)

    function Find-Pii([string] $Text) {
        # Whole words, case-sensitive, raw and HTML-encoded ("O'Brien" is "O&#39;Brien" in the page).
        foreach ($value in $script:pii) {
            foreach ($form in $value, [System.Net.WebUtility]::HtmlEncode($value)) {
                if ($Text -cmatch ('(?<![\p{L}\p{N}])' + [regex]::Escape($form) + '(?![\p{L}\p{N}])')) { $value; break }
            }
        }
    }

    function Save-Screenshot([string] $Page, [string] $Png) {
        $profileDir = Join-Path $TestDrive ('chromium-' + [guid]::NewGuid().ToString('N'))
        $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--hide-scrollbars', "--user-data-dir=$profileDir", '--window-size=1280,2000',
            "--screenshot=$Png", [Uri]::new($Page, [UriKind]::Absolute).AbsoluteUri)
        $info = [Diagnostics.ProcessStartInfo]::new($script:chromium)
        foreach ($a in $arguments) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardError = $true; $info.RedirectStandardOutput = $true; $info.UseShellExecute = $false
        $process = [Diagnostics.Process]::Start($info)
        $null = $process.StandardOutput.ReadToEndAsync(); $null = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw "chromium did not finish a screenshot of $Page in 2 minutes" }
    }

}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Export-TitanHstReport' {
    It 'writes one HTML file for the run piped in, and returns it' {
        $script:file | Should -BeOfType System.IO.FileInfo
        $script:file.FullName | Should -Be $script:html
        $script:summary.Stale | Should -Be 1
        $script:text | Should -Match ([regex]::Escape($script:summary.RunId))
        $script:text | Should -Match 'Not in sync: 1 change remains to apply' -Because 'the stale change is still to do'
    }

    It 'is self-contained: no script, no external URL, font or image' {
        $script:text | Should -Not -Match '<script'
        $script:text | Should -Not -Match 'https?://'
        $script:text | Should -Not -Match '(?i)<(link|img|iframe|object|embed)\b'
        $script:text | Should -Not -Match '(?i)url\('
        $script:text | Should -Match ([regex]::Escape(([uri]$script:emulator.BaseUri).Authority)) -Because 'the target is shown as plain text'
    }

    It 'holds none of the personal data the contract does not mark reportable' {
        $script:pii.Count | Should -BeGreaterThan 300
        @(Find-Pii $script:text) | Should -BeNullOrEmpty
        $script:text | Should -Not -Match '@district'
    }

    It 'shows the same numbers as Markdown, also without personal data' {
        $md = Join-Path $TestDrive 'report.md'
        Export-TitanHstReport -Run $script:summary.RunId -Path $md -Format Markdown -Contract $script:district.ContractPath -Validation $script:validation -Confirm:$false | Out-Null
        $markdown = Get-Content -Raw -LiteralPath $md
        $markdown | Should -Match ("\| \*\*All\*\* \| {0} \| {1} \| {2} \| {3} \| 0 \|" -f $script:summary.Succeeded, $script:summary.Failed, $script:summary.Stale, $script:summary.Skipped)
        @(Find-Pii $markdown) | Should -BeNullOrEmpty
        $markdown | Should -Not -Match 'https?://'

        # Without -Format, the file's extension chooses: Markdown for .md, HTML otherwise.
        $byName = Join-Path $TestDrive 'by-name.md'
        Export-TitanHstReport -Run $script:summary.RunId -Path $byName -Contract $script:district.ContractPath -Confirm:$false | Out-Null
        Get-Content -Raw -LiteralPath $byName | Should -Not -Match '<html'
        Get-Content -Raw -LiteralPath $byName | Should -Match '\| \*\*All\*\* \|'
    }

    It 'refuses to overwrite without -Force, and records the export in the audit log' {
        { Export-TitanHstReport -Run $script:summary.RunId -Path $script:html -Confirm:$false } |
            Should -Throw -ErrorId 'ReportExists,Aether.TitanHst.PowerShell.Reporting.ExportTitanHstReportCommand'
        { Export-TitanHstReport -Run 'no-such-run' -Path (Join-Path $TestDrive 'x.html') } |
            Should -Throw -ErrorId 'RunNotFound,Aether.TitanHst.PowerShell.Reporting.ExportTitanHstReportCommand'
        { Export-TitanHstReport -Run $script:summary.RunId -Path $TestDrive -Force -Confirm:$false } |
            Should -Throw -ErrorId 'PathIsFolder,Aether.TitanHst.PowerShell.Reporting.ExportTitanHstReportCommand'
        Export-TitanHstReport -Run $script:summary.RunId -Path (Join-Path $TestDrive 'whatif.html') -WhatIf
        Join-Path $TestDrive 'whatif.html' | Should -Not -Exist
        @(Get-TitanHstAuditLog | Where-Object { $_.Kind -eq 'Access' -and "$($_.Access)" -like 'report-export*' }).Count | Should -BeGreaterOrEqual 2
    }

    It 'writes one report of the finished run when an apply is piped straight in' {
        Reset-Emulator $script:emulator
        $changes = @(Get-TitanHstDiff -Contract $script:contract -WarningAction SilentlyContinue | Where-Object IsApplicable)
        $changes.Count | Should -BeGreaterThan 10
        $piped = Join-Path $TestDrive 'piped.html'
        # Before: -Run bound each outcome's RunId, so the first change's report was written mid-run ("did not finish")
        # and the second outcome stopped the pipeline with ReportExists.
        $written = @($changes | Invoke-TitanHstApply -Contract $script:contract -Confirm:$false | Export-TitanHstReport -Path $piped -Contract $script:contract -Confirm:$false)
        $written.Count | Should -Be 1
        $written[0].FullName | Should -Be $piped
        $run = Get-TitanHstRun -Last 1
        "$($run.Status)" | Should -Be 'Completed'
        $text = Get-Content -Raw -LiteralPath $piped
        $text | Should -Match ([regex]::Escape($run.RunId))
        $text | Should -Not -Match 'did not finish'
        @(Get-TitanHstAuditLog -Kind Access | Where-Object { $_.Access.Target -like "report of run * to $piped" }).Count | Should -Be 1 -Because 'one report was written'

        # The same run named twice is still one run.
        $twice = @($run, $run | Export-TitanHstReport -Path (Join-Path $TestDrive 'twice.html') -Confirm:$false -WarningAction SilentlyContinue)
        $twice.Count | Should -Be 1
    }

    It 'refuses several runs piped in with one -Path, writing nothing, and says how to write one report per run' {
        @(Get-TitanHstRun).Count | Should -BeGreaterOrEqual 2
        $one = Join-Path $TestDrive 'several.html'
        $thrown = { Get-TitanHstRun | Select-Object -Last 2 | Export-TitanHstReport -Path $one -Force -Confirm:$false -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'SeveralRunsOnePath,Aether.TitanHst.PowerShell.Reporting.ExportTitanHstReportCommand' -PassThru
        $thrown.Exception.Message | Should -Match '^2 runs were piped in'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'ForEach-Object \{ Export-TitanHstReport -Run \$_\.RunId'
        $one | Should -Not -Exist
    }

    It 'looks like a report in headless Chromium (screenshot)' {
        $png = Join-Path $TestDrive 'report.png'
        Save-Screenshot $script:html $png
        $blankPage = Join-Path $TestDrive 'blank.html'
        Set-Content -LiteralPath $blankPage -Value '<!DOCTYPE html><html><body></body></html>'
        $blankPng = Join-Path $TestDrive 'blank.png'
        Save-Screenshot $blankPage $blankPng

        $png | Should -Exist
        $bytes = [IO.File]::ReadAllBytes($png)
        [Text.Encoding]::ASCII.GetString($bytes, 1, 3) | Should -Be 'PNG'
        # Width and height from the IHDR chunk, big-endian.
        $width = [int]$bytes[16] -shl 24 -bor [int]$bytes[17] -shl 16 -bor [int]$bytes[18] -shl 8 -bor [int]$bytes[19]
        $width | Should -BeGreaterOrEqual 1280
        $bytes.Length | Should -BeGreaterThan 60KB -Because 'a rendered report with charts and tables compresses far worse than a blank page'
        $bytes.Length | Should -BeGreaterThan (5 * (Get-Item $blankPng).Length)
        if ($env:AETHER_TITANHST_SCREENSHOT) { Copy-Item $png $env:AETHER_TITANHST_SCREENSHOT -Force; Copy-Item $script:html ($env:AETHER_TITANHST_SCREENSHOT + ".html") -Force }
    }
}
