#Requires -Modules Pester
# The client against a careless server (tests/pester/EchoListener.psm1) that echoes credentials in its errors, and
# against addresses that cannot work: no form of a secret reaches any stream or $Error; every connection and
# authentication error names what to fix.

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/EchoListener.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:echo = Start-EchoListener
    # Every encoding of this secret differs: raw, URL-encoded, form-encoded, and inside Basic base64.
    $script:secret = 's3cr+t/pa ss=wörd&x9'
    $script:clientId = 'district-sync'
    $script:credential = [pscredential]::new($script:clientId, (ConvertTo-SecureString $script:secret -AsPlainText -Force))
    $script:basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([uri]::EscapeDataString($script:clientId) + ':' + [uri]::EscapeDataString($script:secret))).TrimEnd('=')

    function Get-AllText {
        # Everything PowerShell could show: each captured item, every error's exception chain, details and target.
        param($Captured)
        $texts = [System.Collections.Generic.List[string]]::new()
        foreach ($item in @($Captured) + @($Error)) {
            if ($null -eq $item) { continue }
            $texts.Add(($item | Out-String))
            if ($item -is [System.Management.Automation.ErrorRecord]) {
                $texts.Add($item.Exception.ToString()); $texts.Add("$($item.ErrorDetails.Message)"); $texts.Add("$($item.ErrorDetails.RecommendedAction)"); $texts.Add("$($item.TargetObject)")
                $texts.Add(($item.Exception | Format-List * -Force | Out-String))
            }
        }
        $texts -join "`n"
    }
}

AfterAll {
    Disconnect-TitanHst
    if ($script:echo) { Stop-EchoListener $script:echo }
}

Describe 'A server that echoes credentials' {
    It 'never shows the secret in any encoding, the Basic value or the token, in any stream or $Error' {
        $Error.Clear()
        $captured = & {
            $ErrorActionPreference = 'Continue'
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            try { Connect-TitanHst -BaseUri "$($script:echo.BaseUri)bad/" -Credential $script:credential -Verbose -Debug } catch { $_ }
            try { Connect-TitanHst -BaseUri "$($script:echo.BaseUri)echo/" -Credential $script:credential -Verbose -Debug } catch { $_ }
        } *>&1
        $errors = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'
        $errors[1].FullyQualifiedErrorId | Should -Be 'ConnectFailed,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'

        $all = Get-AllText $captured
        $all | Should -Match 'refused \[redacted\]|Basic \[redacted\]' -Because 'the echoed header reached the message, scrubbed'
        foreach ($form in $script:secret, [uri]::EscapeDataString($script:secret), [Net.WebUtility]::UrlEncode($script:secret), $script:basic, $script:echo.Token) {
            $all.Contains($form) | Should -BeFalse -Because "'$form' is a credential"
        }
        $all | Should -Not -Match '(?i)\b(Basic|Bearer) (?!\[redacted\])[A-Za-z0-9+/._-]{6,}'
    }

    It 'refuses a BaseUri with user:password@ without repeating it' {
        $password = 'Uri-Pa55word-42'
        $uri = "http://sync:$password@127.0.0.1:5123/"
        $Error.Clear()
        $record = $null
        try { Connect-TitanHst -BaseUri $uri -Credential $script:credential } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -Be 'CredentialsInUriRefused,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        $record.ErrorDetails.RecommendedAction | Should -Match 'Remove user:password@'
        (Get-AllText $record).Contains($password) | Should -BeFalse
        $record.TargetObject | Should -Be 'http://127.0.0.1:5123/'
    }
}

Describe 'Connection errors' {
    It 'fails in about a second on a refused connection, naming the URL and what to check' {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $record = $null
        $elapsed = Measure-Command { try { Connect-TitanHst -BaseUri "http://127.0.0.1:$port/" -Credential $script:credential -MaxRetries 5 } catch { $record = $_ } }
        $elapsed.TotalSeconds | Should -BeLessThan 3
        $record.FullyQualifiedErrorId | Should -Be 'ConnectFailed,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'
        $record.Exception.Message | Should -Match ([regex]::Escape("could not connect to http://127.0.0.1:$port/oauth/token"))
        $record.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("http://127.0.0.1:$port/oauth/token"))
    }

    It 'names the URL that answered 404 when the address is wrong' {
        $record = $null
        try { Connect-TitanHst -BaseUri "$($script:echo.BaseUri)missing/" -Credential $script:credential } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -Be 'ConnectFailed,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'
        $record.Exception.Message | Should -Match ([regex]::Escape("no such route at $($script:echo.BaseUri)missing/oauth/token"))
        $record.ErrorDetails.RecommendedAction | Should -Match 'check -BaseUri'
    }

    It 'gives every connection and authentication error a RecommendedAction' {
        $records = @(
            try { Connect-TitanHst -BaseUri "$($script:echo.BaseUri)bad/" -Credential $script:credential } catch { $_ }
            try { Connect-TitanHst -BaseUri 'http://10.1.2.3/' -Credential $script:credential } catch { $_ }
            try { Connect-TitanHst -BaseUri "$($script:echo.BaseUri)day/" -Credential $script:credential } catch { $_ }
            Disconnect-TitanHst
            try { Get-TitanHstReference -Kind Role } catch { $_ }
        )
        $records.Count | Should -Be 4
        foreach ($record in $records) {
            $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because $record.FullyQualifiedErrorId
        }
    }
}

Describe 'Waits' {
    It 'says what it waits for while it waits, and refuses to wait a day' {
        $output = & { Connect-TitanHst -BaseUri "$($script:echo.BaseUri)wait/" -Credential $script:credential -Verbose } 4>&1
        ($output | Out-String) | Should -Match 'TitanHST asked to wait 1\.\d s \(429\) before retrying GET /api/v1/schema'

        $record = $null
        $elapsed = Measure-Command { try { Connect-TitanHst -BaseUri "$($script:echo.BaseUri)day/" -Credential $script:credential } catch { $record = $_ } }
        $elapsed.TotalSeconds | Should -BeLessThan 5
        $record.FullyQualifiedErrorId | Should -Be 'ConnectFailed,Aether.TitanHst.PowerShell.TitanHst.ConnectTitanHstCommand'
        $record.Exception.Message | Should -Match 'asked us to wait 86400 s'
    }
}
