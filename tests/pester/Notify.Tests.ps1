# Invoke-TitanHstSync tells people about a run by e-mail (SMTP, MailKit) and by a webhook (JSON POST), received here
# by a tiny SMTP sink and an HTTP listener on 127.0.0.1 that the tests start. No secret and no personal data beyond
# what the contract marks reportable may reach them.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:district = New-TitanHstSampleDistrict -Path (Join-Path $TestDrive 'district') -StaffCount 120 -Seed 23
    Resolve-PlantedPrimaryConflict -DistrictPath $script:district.Path
    $script:emulator = Start-TitanHstEmulator -SeedPath (Join-Path $script:district.Path 'titanhst-seed.json')
    $contractPath = Join-Path $script:district.Path 'contract.jsonc'
    # A district that trusts its role mapping, so the run applies and writes a report to attach.
    (Get-Content -Raw $contractPath) -replace '"roleChange": \{ "maxCount": \d+ \}', '"roleChange": { "maxCount": 50 }' | Set-Content -NoNewline $contractPath

    function Get-FreePort {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $probe.Start()
        try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
    }

    # The SMTP sink: answers one session, keeps every line it receives.
    $script:smtpLines = [Collections.Concurrent.ConcurrentQueue[string]]::new()
    $script:smtpListener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $script:smtpListener.Start()
    $script:smtpPort = $script:smtpListener.LocalEndpoint.Port
    $script:smtp = [powershell]::Create().AddScript({
        param($listener, $lines)
        $client = $listener.AcceptTcpClient(); $stream = $client.GetStream()
        $reader = [IO.StreamReader]::new($stream, [Text.Encoding]::ASCII)
        $writer = [IO.StreamWriter]::new($stream, [Text.Encoding]::ASCII); $writer.NewLine = "`r`n"; $writer.AutoFlush = $true
        $writer.WriteLine('220 sink.test ESMTP')
        $inData = $false; $done = $false
        while (-not $done -and $null -ne ($line = $reader.ReadLine())) {
            if ($inData) { if ($line -eq '.') { $inData = $false; $writer.WriteLine('250 2.0.0 queued') } else { $lines.Enqueue($line) }; continue }
            $lines.Enqueue("C: $line")
            if ($line -match '^EHLO') { $writer.WriteLine('250-sink.test'); $writer.WriteLine('250 AUTH PLAIN') }
            elseif ($line -match '^AUTH') { $writer.WriteLine('235 2.7.0 ok') }
            elseif ($line -match '^DATA') { $writer.WriteLine('354 go on'); $inData = $true }
            elseif ($line -match '^QUIT') { $writer.WriteLine('221 bye'); $done = $true }
            else { $writer.WriteLine('250 ok') }
        }
        $client.Close()
    }).AddArgument($script:smtpListener).AddArgument($script:smtpLines)
    $script:smtpHandle = $script:smtp.BeginInvoke()

    # The webhook listener: answers one POST, keeps its path and body.
    $script:hookPort = Get-FreePort
    $script:hookToken = 'tok-' + [guid]::NewGuid().ToString('N')
    $script:hookListener = [Net.HttpListener]::new()
    $script:hookListener.Prefixes.Add("http://127.0.0.1:$($script:hookPort)/")
    $script:hookListener.Start()
    $script:hookRequests = [Collections.Concurrent.ConcurrentQueue[object]]::new()
    $script:hook = [powershell]::Create().AddScript({
        param($listener, $requests)
        $context = $listener.GetContext()
        $body = [IO.StreamReader]::new($context.Request.InputStream, [Text.Encoding]::UTF8).ReadToEnd()
        $requests.Enqueue([pscustomobject]@{ Method = $context.Request.HttpMethod; Path = $context.Request.Url.AbsolutePath; ContentType = $context.Request.ContentType; Body = $body })
        $context.Response.StatusCode = 200; $context.Response.Close()
    }).AddArgument($script:hookListener).AddArgument($script:hookRequests)
    $script:hookHandle = $script:hook.BeginInvoke()

    $script:clientSecret = $script:emulator.Credential.GetNetworkCredential().Password
    $script:smtpPassword = 'smtp-' + [guid]::NewGuid().ToString('N')
    $config = Join-Path $script:district.Path 'notify.config.jsonc'
    @{
        configFormat = 1; version = '1.0.0'; contract = './contract.jsonc'
        titanHst = @{ baseUri = "$($script:emulator.BaseUri)"; clientId = $script:emulator.Credential.UserName }
        apply = @{ allowRoleChange = $true }; runs = @{ folder = './runs' }; reports = @{ folder = './reports' }
        notify = @{
            email = @{ smtpHost = '127.0.0.1'; smtpPort = $script:smtpPort; security = 'none'; from = 'titanhst@district.test'; to = @('it@district.test'); userName = 'titanhst'; password = 'env:TEST_TITANHST_SMTP_PASSWORD' }
            webhook = @{ url = 'env:TEST_TITANHST_WEBHOOK' }
        }
    } | ConvertTo-Json -Depth 5 | Set-Content $config
    $env:TITANHST_CLIENT_SECRET = $script:clientSecret
    $env:TEST_TITANHST_SMTP_PASSWORD = $script:smtpPassword
    $env:TEST_TITANHST_WEBHOOK = "http://127.0.0.1:$($script:hookPort)/hook/$($script:hookToken)"
    try {
        $script:result = Invoke-TitanHstSync -ConfigPath $config -WarningVariable notifyWarnings -WarningAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        $script:warnings = $notifyWarnings
    }
    finally { Remove-Item Env:TITANHST_CLIENT_SECRET, Env:TEST_TITANHST_SMTP_PASSWORD, Env:TEST_TITANHST_WEBHOOK }
    $null = $script:smtpHandle.AsyncWaitHandle.WaitOne(10000)
    $null = $script:hookHandle.AsyncWaitHandle.WaitOne(10000)
    $script:mail = @($script:smtpLines.ToArray())
    $script:request = @($script:hookRequests.ToArray())[0]

    # Every personal value of a field the sample contract does not mark reportable.
    $sources = @(Import-TitanHstSource -Contract $contractPath -WarningAction SilentlyContinue)
    $script:pii = @($sources | ForEach-Object { $_.firstName; $_.lastName; $_.email } | Where-Object { $_ } | Sort-Object -Unique)
    function Find-Pii([string] $Text) {
        foreach ($value in $script:pii) { if ($Text -cmatch ('(?<![\p{L}\p{N}])' + [regex]::Escape($value) + '(?![\p{L}\p{N}])')) { $value } }
    }
    # The mail as the recipient reads it: every part decoded (base64 or quoted-printable, UTF-8).
    function ConvertFrom-QuotedPrintable([string] $Text) {
        $bytes = [Collections.Generic.List[byte]]::new()
        $joined = $Text -replace "=\n", ''
        for ($i = 0; $i -lt $joined.Length; $i++) {
            if ($joined[$i] -eq '=' -and $i + 2 -lt $joined.Length -and $joined.Substring($i + 1, 2) -match '^[0-9A-F]{2}$') { $bytes.Add([Convert]::ToByte($joined.Substring($i + 1, 2), 16)); $i += 2 }
            else { $bytes.AddRange([Text.Encoding]::UTF8.GetBytes([string]$joined[$i])) }
        }
        [Text.Encoding]::UTF8.GetString($bytes.ToArray())
    }
    function Get-MailParts {
        $data = ($script:mail | Where-Object { $_ -notlike 'C: *' }) -join "`n"
        $decoded = foreach ($part in $data -split '(?m)^--=-[^\n]+$') {
            $split = $part -split "`n`n", 2
            if ($split.Count -lt 2) { continue }
            if ($split[0] -match 'Content-Transfer-Encoding: base64') { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(($split[1] -replace '\s', ''))) }
            elseif ($split[0] -match 'Content-Transfer-Encoding: quoted-printable') { ConvertFrom-QuotedPrintable $split[1] }
            else { $split[1] }
        }
        [pscustomobject]@{ Raw = $data; Decoded = ($decoded -join "`n") }
    }
}

AfterAll {
    foreach ($ps in $script:smtp, $script:hook) { if ($ps) { $ps.Stop(); $ps.Dispose() } }
    if ($script:smtpListener) { $script:smtpListener.Stop() }
    if ($script:hookListener) { $script:hookListener.Close() }
    if ($script:emulator) { $script:emulator | Stop-TitanHstEmulator -Confirm:$false }
}

Describe 'Run notifications' {
    It 'ran the sync and sent both without a warning' {
        $script:result.RunId | Should -Not -BeNullOrEmpty
        $script:result.ReportPath | Should -Exist
        $script:warnings | Should -Not -Match 'Notification by'
    }

    It 'e-mails the status, the counts, the RunId, the next command and the report as an attachment' {
        $script:mail | Should -Contain 'C: MAIL FROM:<titanhst@district.test>'
        $script:mail | Should -Contain 'C: RCPT TO:<it@district.test>'
        $parts = Get-MailParts
        $parts.Raw | Should -Match "Subject: TitanHST sync: $($script:result.Status) \(exit $($script:result.ExitCode)\), run $($script:result.RunId)"
        $parts.Raw + $parts.Decoded | Should -Match 'Counts: create \d+'
        $parts.Raw + $parts.Decoded | Should -Match 'Next: '
        $parts.Raw | Should -Match 'filename="?report-[0-9a-f-]+\.html'
        $parts.Decoded | Should -Match '<html'
        $parts.Decoded | Should -Match ([regex]::Escape("run $($script:result.RunId)"))
    }

    It 'posts the same outcome as JSON to the webhook' {
        $script:request.Method | Should -Be 'POST'
        $script:request.ContentType | Should -Match 'application/json'
        $body = $script:request.Body | ConvertFrom-Json
        $body.status | Should -Be "$($script:result.Status)"
        $body.exitCode | Should -Be $script:result.ExitCode
        $body.runId | Should -Be $script:result.RunId
        $body.text | Should -Match 'TitanHST sync'
        $body.nextCommand | Should -Not -BeNullOrEmpty
        $body.counts.succeeded | Should -Be $script:result.Apply.Succeeded
        $body.reportPath | Should -Be $script:result.ReportPath
    }

    It 'carries no secret: not the client secret, the SMTP password or the webhook token' {
        $parts = Get-MailParts
        foreach ($text in $parts.Raw, $parts.Decoded, $script:request.Body) {
            $text | Should -Not -Match ([regex]::Escape($script:clientSecret))
            $text | Should -Not -Match ([regex]::Escape($script:smtpPassword))
            $text | Should -Not -Match ([regex]::Escape($script:hookToken))
        }
    }

    It 'carries no personal data the contract does not mark reportable' {
        $script:pii.Count | Should -BeGreaterThan 200
        $parts = Get-MailParts
        @(Find-Pii ($parts.Raw + "`n" + $parts.Decoded)) | Should -BeNullOrEmpty
        @(Find-Pii $script:request.Body) | Should -BeNullOrEmpty
        $parts.Decoded + $script:request.Body | Should -Not -Match '@sampleusd\.org'
    }

    It 'refuses a password written into the configuration, naming the property' {
        $bad = Join-Path $TestDrive 'bad-notify.jsonc'
        @{ configFormat = 1; version = '1.0.0'; contract = './c.jsonc'; titanHst = @{ baseUri = 'https://x.example' }
           notify = @{ email = @{ smtpHost = 'smtp.example'; from = 'a@b.c'; to = @('d@e.f'); password = 'hunter2' } } } | ConvertTo-Json -Depth 5 | Set-Content $bad
        { Invoke-TitanHstSync -ConfigPath $bad } | Should -Throw '*notify.email.password*never holds a secret*'
    }
}
