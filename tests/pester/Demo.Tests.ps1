BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
}

Describe 'The demo (build.ps1 -Task Demo runs this same script)' {
    It 'runs the sample district end to end, writes every file it names, and leaves no emulator running' {
        $out = Join-Path $TestDrive 'demo'
        $demo = Join-Path (Get-RepoRoot) 'tools/Demo.ps1'
        $lines = Invoke-ChildPwsh "& '$demo' -ModulePath '$(Get-BuiltModulePath)' -StaffCount 150 -Seed 7 -OutPath '$out' | Out-String -Stream -Width 160; exit `$LASTEXITCODE"
        $text = $lines -join "`n"
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Match '== 10\. The stakeholder report and the audit log'
        $text | Should -Match 'chain verified: True'
        # As build.ps1 -Task Demo writes it to a log (160 columns): the demo shows that an e-mail changes, never the address.
        $text | Should -Not -Match '[A-Za-z0-9._%+-]+@[A-Za-z-]+(\.[A-Za-z-]+)+'
        foreach ($file in 'canonical-staff.csv', 'titanhst-before.jsonl', 'diff.csv', 'plan.json', 'report.html', 'report.md', 'district/contract.versions.json') {
            Join-Path $out $file | Should -Exist
        }
        if ([Environment]::OSVersion.Platform -ne [PlatformID]::Win32NT) {
            # Names and emails: owner-only, as the module's own files.
            [System.IO.File]::GetUnixFileMode($out) | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
            foreach ($file in 'canonical-staff.csv', 'diff.csv', 'source-warnings.txt') {
                [System.IO.File]::GetUnixFileMode((Join-Path $out $file)) | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') -Because $file
            }
        }
        $port = [regex]::Match($text, 'Emulator listening at http://127\.0\.0\.1:(\d+)').Groups[1].Value
        $port | Should -Not -BeNullOrEmpty
        { [Net.Sockets.TcpClient]::new('127.0.0.1', [int]$port).Dispose() } | Should -Throw -Because 'the demo stops the emulator'
    }
}
