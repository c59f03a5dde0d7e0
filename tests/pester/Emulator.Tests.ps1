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

        It 'refuses a fault mix it cannot read when the parameter binds, naming the item' {
            { Start-TitanHstEmulator -FaultRate 0.1 -FaultMix '429=0.5,teapot=0.5' } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,Aether.TitanHst.PowerShell.Emulator.StartTitanHstEmulatorCommand' -ExpectedMessage "*Fault mix item 'teapot=0.5'*"
            { Start-TitanHstEmulator -FaultMix '429=0' } | Should -Throw -ExpectedMessage '*no positive weight*'
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

    Context 'a process id that is not an emulator started from this module' {
        BeforeAll {
            Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
            # Any long-running process of the user's own, as a reviewer would try: sleep, or ping on Windows.
            $script:bystander = if ($IsWindows) {
                Start-Process -FilePath 'ping.exe' -ArgumentList '-n', '300', '127.0.0.1' -PassThru -WindowStyle Hidden
            }
            else {
                Start-Process -FilePath 'sleep' -ArgumentList '300' -PassThru
            }
            $script:notEmulator = 'NotTitanHstEmulator,Aether.TitanHst.PowerShell.Emulator.StopTitanHstEmulatorCommand'
        }

        AfterAll {
            if ($script:bystander -and -not $script:bystander.HasExited) { $script:bystander.Kill() }
        }

        It 'refuses -ProcessId of another program with NotTitanHstEmulator and leaves it running' {
            Stop-TitanHstEmulator -ProcessId $script:bystander.Id -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
            $refused.Count | Should -Be 1
            $refused[0].FullyQualifiedErrorId | Should -Be $script:notEmulator
            $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $refused[0].TargetObject | Should -Be $script:bystander.Id
            $refused[0].Exception.Message | Should -Match "Process $($script:bystander.Id) .*is not a TitanHST emulator started by Start-TitanHstEmulator"
            $script:bystander.Refresh()
            $script:bystander.HasExited | Should -BeFalse
        }

        It 'refuses a piped ProcessId property, and -WhatIf does not call the process an emulator' {
            $whatIf = [pscustomobject]@{ ProcessId = $script:bystander.Id } |
                Stop-TitanHstEmulator -WhatIf -ErrorVariable refused -ErrorAction SilentlyContinue 6>&1 | Out-String
            $whatIf | Should -Not -Match 'TitanHST emulator'
            $refused[0].FullyQualifiedErrorId | Should -Be $script:notEmulator
            [pscustomobject]@{ ProcessId = $script:bystander.Id } | Stop-TitanHstEmulator -Confirm:$false -ErrorAction SilentlyContinue
            $script:bystander.Refresh()
            $script:bystander.HasExited | Should -BeFalse
        }

        It 'stops by -ProcessId an emulator this module started in another session' {
            $instance = Start-TitanHstEmulator
            try {
                $output = Invoke-ChildPwsh "Import-Module '$(Get-BuiltModulePath)'; Stop-TitanHstEmulator -ProcessId $($instance.ProcessId) -Confirm:`$false; 'exit ' + `$?"
                ($output | Out-String) | Should -Match 'exit True'
                Start-Sleep -Milliseconds 200
                Get-Process -Id $instance.ProcessId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            }
            finally {
                $instance | Stop-TitanHstEmulator -Confirm:$false -ErrorAction SilentlyContinue
            }
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
