#Requires -Modules Pester
# Start-TitanHstEmulator / Stop-TitanHstEmulator against the built module and the published emulator (out/emulator).

Describe 'TitanHST emulator launcher' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/Aether.TitanHst/Aether.TitanHst.psd1" -Force

        function Get-TitanHstToken([object] $Instance) {
            $body = @{
                grant_type    = 'client_credentials'
                client_id     = $Instance.Credential.UserName
                client_secret = $Instance.Credential.GetNetworkCredential().Password
            }
            (Invoke-RestMethod -Method Post -Uri ([Uri]::new($Instance.BaseUri, '/oauth/token')) -Body $body).access_token
        }
    }

    Context 'a started emulator' {
        BeforeAll {
            $script:emulator = Start-TitanHstEmulator -Port 0 -TokenLifetimeSeconds 600
        }

        AfterAll {
            if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
        }

        It 'returns a typed instance on 127.0.0.1 without showing the secret' {
            $script:emulator | Should -BeOfType 'Aether.TitanHst.PowerShell.Emulator.TitanHstEmulatorInstance'
            $script:emulator.BaseUri.Host | Should -Be '127.0.0.1'
            $script:emulator.BaseUri.Port | Should -BeGreaterThan 0
            $script:emulator.Credential | Should -BeOfType ([pscredential])
            ($script:emulator | Out-String) | Should -Not -Match ([regex]::Escape($script:emulator.Credential.GetNetworkCredential().Password))
            Get-Process -Id $script:emulator.ProcessId | Should -Not -BeNullOrEmpty
        }

        It 'serves /api/v1/schema with a token from /oauth/token' {
            $token = Get-TitanHstToken $script:emulator
            $schema = Invoke-RestMethod -Uri ([Uri]::new($script:emulator.BaseUri, '/api/v1/schema')) -Headers @{ Authorization = "Bearer $token" }
            $schema.apiVersion | Should -Be '1.0'
            $schema.staffFields.name | Should -Contain 'externalId'
        }

        It 'stops by process id and leaves no process behind' {
            $processId = $script:emulator.ProcessId
            [pscustomobject]@{ ProcessId = $processId } | Stop-TitanHstEmulator -Confirm:$false
            $script:emulator = $null
            Get-Process -Id $processId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }

    It 'WhatIf leaves the emulator running' {
        $instance = Start-TitanHstEmulator
        try {
            $instance | Stop-TitanHstEmulator -WhatIf
            Get-Process -Id $instance.ProcessId | Should -Not -BeNullOrEmpty
        }
        finally {
            $instance | Stop-TitanHstEmulator -Confirm:$false
        }
        Get-Process -Id $instance.ProcessId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'WhatIf on Start starts nothing' {
        Start-TitanHstEmulator -WhatIf | Should -BeNullOrEmpty
    }

    It 'fails clearly when the emulator is not where it is looked for' {
        { Start-TitanHstEmulator -EmulatorPath (Join-Path $TestDrive 'nowhere') } |
            Should -Throw -ErrorId 'EmulatorNotFound,Aether.TitanHst.PowerShell.Emulator.StartTitanHstEmulatorCommand'
    }

    It 'fails clearly when the emulator exits before listening' {
        $bad = Join-Path $TestDrive 'bad-seed.json'
        Set-Content -Path $bad -Value '{ not json'
        { Start-TitanHstEmulator -SeedPath $bad } |
            Should -Throw -ErrorId 'EmulatorStartFailed,Aether.TitanHst.PowerShell.Emulator.StartTitanHstEmulatorCommand'
    }
}
