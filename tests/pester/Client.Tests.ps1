#Requires -Modules Pester
# Connect-TitanHst, Get-TitanHstStaff, Get-TitanHstReference against the built module and the published emulator.

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force

    function New-TitanHstSeed {
        param([int] $Count, [string] $Path)
        $staff = for ($i = 0; $i -lt $Count; $i++) {
            '{{"externalId":"E{0:D6}","active":{1},"firstName":"First{0}","lastName":"Last{0}","email":"p{0}@district.example","roleCode":"TCH","siteCode":"HS1"}}' -f $i, ($(if ($i % 10 -eq 0) { 'false' } else { 'true' }))
        }
        $json = '{"roles":[{"code":"TCH","name":"Teacher","active":true},{"code":"OLD","name":"Old","active":false}],"sites":[{"code":"HS1","name":"High School","active":true}],"staff":[' + ($staff -join ',') + ']}'
        Set-Content -Path $Path -Value $json -Encoding utf8
    }

    $script:seed = Join-Path $TestDrive 'seed.json'
    New-TitanHstSeed -Count 2500 -Path $script:seed
    $script:emulator = Start-TitanHstEmulator -SeedPath $script:seed
    $script:secret = $script:emulator.Credential.GetNetworkCredential().Password
}

AfterAll {
    Disconnect-TitanHst
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Connect-TitanHst' {
    It 'connects from the emulator instance by property name and returns the connection without secrets' {
        $connection = $script:emulator | Connect-TitanHst -PassThru
        $connection | Should -BeOfType 'Aether.TitanHst.PowerShell.Session.TitanHstConnection'
        $connection.BaseUri | Should -Be $script:emulator.BaseUri
        $connection.ClientId | Should -Be $script:emulator.ClientId
        $connection.SchemaVersion | Should -Be '2026-02'
        ($connection | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($script:secret))
    }

    It 'refuses plain http to another machine before sending anything' {
        { Connect-TitanHst -BaseUri 'http://titanhst.example' -Credential $script:emulator.Credential } |
            Should -Throw -ErrorId 'InsecureUriRefused,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'
    }

    It 'reports a wrong secret as an authentication error' {
        $bad = [pscredential]::new($script:emulator.ClientId, (ConvertTo-SecureString 'not-the-secret-123' -AsPlainText -Force))
        { Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $bad } |
            Should -Throw -ErrorId 'AuthenticationFailed,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'
    }
}

Describe 'Get-TitanHstStaff' {
    BeforeAll {
        $script:connection = $script:emulator | Connect-TitanHst -PassThru
    }

    It 'streams the active records, each field a property' {
        $records = @(Get-TitanHstStaff -PageSize 300)
        $records.Count | Should -Be 2250
        # The engine lives in its own load context, so its types are compared by name.
        $records[0].GetType().FullName | Should -Be 'Aether.TitanHst.Target.TargetStaffRecord'
        $records[0].PSObject.TypeNames | Should -Contain 'Aether.TitanHst.Target.TargetStaffRecord'
        ($records | Select-Object -First 1 -ExpandProperty firstName) | Should -Match '^First\d+$'
        @($records | Where-Object roleCode -EQ 'TCH').Count | Should -Be 2250
        @($records.Id | Sort-Object -Unique).Count | Should -Be 2250
    }

    It 'lists inactive records too with -IncludeInactive' {
        @(Get-TitanHstStaff -IncludeInactive).Count | Should -Be 2500
    }

    It 'reads by external id from the pipeline and reports a missing one without stopping' {
        $found = @('E000001', 'NOPE-404', 'E000002' | Get-TitanHstStaff -ErrorVariable missing -ErrorAction SilentlyContinue)
        $found.ExternalId | Should -Be @('E000001', 'E000002')
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -Be 'StaffNotFound,Aether.TitanHst.PowerShell.TitanHst.GetTitanHstStaffCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 'NOPE-404'
    }

    It 'binds ExternalId by property name and reads by -Id' {
        $one = [pscustomobject]@{ ExternalId = 'E000003' } | Get-TitanHstStaff
        (Get-TitanHstStaff -Id $one.Id).ExternalId | Should -Be 'E000003'
    }

    It 'writes a snapshot with -OutFile, and records as well with -PassThru' {
        $path = Join-Path $TestDrive 'target.jsonl'
        Get-TitanHstStaff -IncludeInactive -OutFile $path | Should -BeNullOrEmpty
        $lines = Get-Content $path
        $lines.Count | Should -Be 2502
        ($lines[0] | ConvertFrom-Json).kind | Should -Be 'titanhst-target-snapshot'
        ($lines[0] | ConvertFrom-Json).scope | Should -Be 'all'
        ($lines[-1] | ConvertFrom-Json).count | Should -Be 2500

        $passThru = @(Get-TitanHstStaff -ExternalId 'E000005' -OutFile $path -PassThru)
        $passThru.Count | Should -Be 1
        (Get-Content $path).Count | Should -Be 3
    }

    It 'lists roles and sites' {
        $roles = @(Get-TitanHstReference -Kind Role)
        $roles.Code | Should -Be @('OLD', 'TCH')
        $roles[0].GetType().FullName | Should -Be 'Aether.TitanHst.Target.TargetReference'
        (Get-TitanHstReference Site).Code | Should -Be 'HS1'
    }

    It 'asks for Connect-TitanHst when not connected' {
        Disconnect-TitanHst
        try {
            { Get-TitanHstStaff } | Should -Throw -ErrorId 'NotConnected,Aether.TitanHst.PowerShell.TitanHst.GetTitanHstStaffCommand'
            { Get-TitanHstStaff -Connection $script:connection } | Should -Throw -ErrorId 'ConnectionClosed,Aether.TitanHst.PowerShell.TitanHst.GetTitanHstStaffCommand'
        }
        finally {
            $script:emulator | Connect-TitanHst
        }
    }
}

Describe 'Secrets' {
    It 'never shows the client secret or the access token in any stream, error or file' {
        $folder = Join-Path $TestDrive 'secrets'
        New-Item -ItemType Directory $folder | Out-Null
        $Error.Clear()
        $captured = & {
            $ErrorActionPreference = 'Continue'
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $InformationPreference = 'Continue'
            $script:secretsConnection = $script:emulator | Connect-TitanHst -PassThru -Verbose -Debug
            $script:secretsConnection | Format-List * | Out-String
            Get-TitanHstStaff -IncludeInactive -OutFile (Join-Path $folder 'snapshot.jsonl') -Verbose -Debug
            Get-TitanHstStaff -ExternalId 'E000007', 'MISSING' -Verbose -Debug | Format-List * | Out-String
            Get-TitanHstReference -Kind Role -Verbose | Out-String
            $bad = [pscredential]::new($script:emulator.ClientId, (ConvertTo-SecureString ($script:secret + 'x') -AsPlainText -Force))
            try { Connect-TitanHst -BaseUri $script:emulator.BaseUri -Credential $bad -Verbose -Debug } catch { $_ }
            try { Connect-TitanHst -BaseUri 'http://10.1.2.3' -Credential $script:emulator.Credential } catch { $_ }
        } *>&1

        # The token the module holds right now, read from inside the connection for this test only.
        $flags = [Reflection.BindingFlags]'NonPublic, Instance'
        $client = [Aether.TitanHst.PowerShell.Session.TitanHstConnection].GetProperty('Client', $flags).GetValue($script:secretsConnection)
        $tokens = $client.GetType().GetField('_tokens', $flags).GetValue($client)
        $current = $tokens.GetType().GetField('_current', $flags).GetValue($tokens)
        $token = $current.GetType().GetProperty('Value', $flags).GetValue($current)
        $token | Should -Not -BeNullOrEmpty

        $texts = [System.Collections.Generic.List[string]]::new()
        foreach ($item in $captured) {
            $texts.Add(($item | Out-String))
            if ($item -is [System.Management.Automation.ErrorRecord]) {
                $texts.Add($item.Exception.ToString()); $texts.Add("$($item.ErrorDetails)"); $texts.Add("$($item.TargetObject)")
            }
        }
        foreach ($record in $Error) { $texts.Add(($record | Out-String)); $texts.Add($record.Exception.ToString()) }
        Get-ChildItem $folder -Recurse -File | ForEach-Object { $texts.Add((Get-Content -Raw $_.FullName)) }
        $all = $texts -join "`n"

        $all | Should -Match 'GET /api/v1/staff -> 200' -Because 'verbose output was captured'
        $all | Should -Match 'AuthenticationFailed|refused the client credentials' -Because 'the failed connect was captured'
        $all.Contains($script:secret) | Should -BeFalse -Because 'the client secret must never be shown'
        $all.Contains([uri]::EscapeDataString($script:secret)) | Should -BeFalse
        $all.Contains($token) | Should -BeFalse -Because 'the access token must never be shown'
        $all | Should -Not -Match 'Bearer [A-Za-z0-9]'
    }
}
