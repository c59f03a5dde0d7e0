<#
.SYNOPSIS
    Runs Invoke-TitanHstSync for a scheduled task and exits with its code: 0 in sync, 1 changes applied,
    2 a person is needed (nothing applied, or conflicts or blocked changes stand), 3 failed.

.DESCRIPTION
    Meant for Windows Task Scheduler, a systemd timer, cron or a CI job. The client secret never appears in the
    script, the task or the configuration. It comes from one of two places:
    - the PowerShell SecretManagement module (-SecretName, a PSCredential stored with Set-Secret);
    - the TITANHST_CLIENT_SECRET environment variable of the service account, with the config's titanHst.clientId.
    Every outcome is written to the console (captured by the scheduler's log) without personal data.

.EXAMPLE
    pwsh -NoProfile -NonInteractive -File Invoke-TitanHstScheduledSync.ps1 -ConfigPath D:\titanhst\titanhst.config.jsonc -SecretName TitanHst
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ConfigPath,
    # The name of a PSCredential in SecretManagement (user name = client id, password = secret).
    [string] $SecretName,
    # Diff and save a plan for review; apply nothing.
    [switch] $PlanOnly
)

$ErrorActionPreference = 'Stop'
try {
    # Two-argument Join-Path: Windows PowerShell 5.1 has no -AdditionalChildPath.
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'Aether.TitanHst.psd1')
    $arguments = @{ ConfigPath = $ConfigPath; PlanOnly = $PlanOnly; Confirm = $false }
    if ($SecretName) {
        Import-Module Microsoft.PowerShell.SecretManagement
        $arguments.Credential = Get-Secret -Name $SecretName
    }

    $result = Invoke-TitanHstSync @arguments -Verbose:$VerbosePreference
    $result.Messages | ForEach-Object { Write-Output "titanhst-sync: $_" }
    # One line the scheduler's log can be searched for: the outcome, the run, what is pending and what to run next.
    Write-Output "titanhst-sync: $($result.Status), exit code $($result.ExitCode)$(if ($result.RunId) { ", run $($result.RunId)" })$(if ($result.Pending) { ", $($result.Pending) pending" })$(if ($result.NextCommand) { ", next: $($result.NextCommand)" })$(if ($result.ReportPath) { ", report $($result.ReportPath)" })"
    exit $result.ExitCode
}
catch {
    Write-Output "titanhst-sync: Failed, exit code 3: $($_.FullyQualifiedErrorId): $($_.Exception.Message)"
    exit 3
}
