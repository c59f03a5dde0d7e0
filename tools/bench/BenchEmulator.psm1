# What the emulator benchmarks share (tools/bench/*.Bench.ps1): a private work folder, a generated seed, the
# emulator's control endpoints (docs/emulator.md), and the machine line every result carries.
Set-StrictMode -Version Latest

function New-BenchWorkFolder {
    # A fresh folder under the temp path; runs and audit of the bench stay in it, never in the user's own folders.
    param([Parameter(Mandatory)] [string] $Prefix)
    $work = Join-Path ([IO.Path]::GetTempPath()) ("$Prefix-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $work | Out-Null
    $env:AETHER_TITANHST_RUNS = Join-Path $work 'runs'
    $env:AETHER_TITANHST_AUDIT = Join-Path $work 'audit'
    $work
}

function New-BenchSeed {
    # $Count staff in one site and role, written as a stream (a million records in seconds, nothing held).
    param([Parameter(Mandatory)] [int] $Count, [Parameter(Mandatory)] [string] $Path)
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.Write('{"roles":[{"code":"TCH","name":"Teacher","active":true}],"sites":[{"code":"HS1","name":"High School","active":true}],"staff":[')
        for ($i = 0; $i -lt $Count; $i++) {
            if ($i -gt 0) { $writer.Write(',') }
            $writer.Write('{"externalId":"E' + $i.ToString('D7') + '","firstName":"First' + $i + '","lastName":"Last' + $i + '","email":"p' + $i + '@district.example","username":"u' + $i + '","title":"Teacher","roleCode":"TCH","siteCode":"HS1","hireDate":"2020-08-12","phone":"+1 555 0100"}')
        }
        $writer.Write(']}')
    }
    finally { $writer.Dispose() }
}

function Invoke-BenchEmulator {
    # One call to the emulator's control endpoints (/_emulator/*), with an optional JSON body.
    param([Parameter(Mandatory)] [uri] $BaseUri, [Parameter(Mandatory)] [string] $Method, [Parameter(Mandatory)] [string] $Path, $Body)
    $arguments = @{ Method = $Method; Uri = [uri]::new($BaseUri, $Path) }
    if ($null -ne $Body) { $arguments.Body = ($Body | ConvertTo-Json); $arguments.ContentType = 'application/json' }
    Invoke-RestMethod @arguments
}

function Get-BenchEmulatorStats {
    param([Parameter(Mandatory)] [uri] $BaseUri)
    Invoke-BenchEmulator $BaseUri Get '_emulator/stats' $null
}

function Clear-BenchEmulatorStats {
    param([Parameter(Mandatory)] [uri] $BaseUri)
    Invoke-BenchEmulator $BaseUri Delete '_emulator/stats' $null | Out-Null
}

function Get-BenchMachine {
    "$([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription)"
}

Export-ModuleMember -Function New-BenchWorkFolder, New-BenchSeed, Invoke-BenchEmulator, Get-BenchEmulatorStats, Clear-BenchEmulatorStats, Get-BenchMachine
