# A careless TitanHST on 127.0.0.1 for the secrets and connection tests: every error it sends echoes the request's
# Authorization header and body, as some token endpoints and proxies do. Runs in its own runspace.
#   /bad/...      token endpoint refuses (401) and echoes the Basic header and the form body
#   /echo/...     token granted; every API call answers 400 echoing the Bearer header in every problem member
#   /wait/...     token granted; the schema answers 429 Retry-After: 1 once, then the real schema
#   /day/...      token granted; the schema answers 429 Retry-After: 86400
#   /missing/...  404 for everything, the token endpoint included (a wrong address)
# Holds no test logic of its own.

function Start-EchoListener {
    $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $listener = [Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()
    $runspace = [powershell]::Create()
    $null = $runspace.AddScript({
        param($listener)
        $waited = $false
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $request = $context.Request
            $reader = [IO.StreamReader]::new($request.InputStream)
            $body = $reader.ReadToEnd()
            $auth = [string]$request.Headers['Authorization']
            $path = $request.Url.AbsolutePath
            $echo = { param($s) ($s | ConvertTo-Json -Compress).Trim('"') }
            $status = 200
            $headers = @{}
            if ($path -like '/missing/*') {
                $status = 404
                $json = '{"type":"https://errors.titanhst.example/not-found","title":"Not found."}'
            }
            elseif ($path -like '*/oauth/token') {
                if ($path -like '/bad/*') {
                    $status = 401
                    $json = '{"error":"invalid_client","error_description":"refused ' + (& $echo $auth) + ' with ' + (& $echo $body) + '"}'
                }
                else { $json = '{"access_token":"pester-token-0123456789ABCdef","token_type":"Bearer","expires_in":3600}' }
            }
            elseif ($path -like '/echo/*') {
                $status = 400
                $e = & $echo $auth
                $headers['X-Request-Id'] = $auth
                $json = '{"type":"https://errors.titanhst.example/validation","title":"' + $e + '","detail":"you sent ' + $e + '","traceId":"' + $e + '","errors":{"authorization":["' + $e + '"]}}'
            }
            elseif ($path -like '/day/*') {
                $status = 429; $headers['Retry-After'] = '86400'
                $json = '{"type":"https://errors.titanhst.example/rate-limited","title":"Too many requests."}'
            }
            elseif ($path -like '/wait/*' -and -not $waited) {
                $waited = $true
                $status = 429; $headers['Retry-After'] = '1'
                $json = '{"type":"https://errors.titanhst.example/rate-limited","title":"Too many requests."}'
            }
            else { $json = '{"apiVersion":"1.0","schemaVersion":"2026-01","staffFields":[]}' }
            $context.Response.StatusCode = $status
            foreach ($key in $headers.Keys) { $context.Response.Headers[$key] = $headers[$key] }
            $context.Response.ContentType = 'application/json'
            $bytes = [Text.Encoding]::UTF8.GetBytes($json)
            $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $context.Response.Close()
        }
    }).AddArgument($listener)
    $handle = $runspace.BeginInvoke()
    [pscustomobject]@{ BaseUri = "http://127.0.0.1:$port/"; Listener = $listener; Runspace = $runspace; Handle = $handle; Token = 'pester-token-0123456789ABCdef' }
}

function Stop-EchoListener {
    param([Parameter(Mandatory)] $Echo)
    $Echo.Listener.Stop()
    $Echo.Listener.Close()
    $null = $Echo.Handle.AsyncWaitHandle.WaitOne(5000)
    $Echo.Runspace.Dispose()
}

Export-ModuleMember -Function Start-EchoListener, Stop-EchoListener
