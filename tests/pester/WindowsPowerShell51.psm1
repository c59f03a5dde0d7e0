# Finds syntax and cmdlet parameters that PowerShell 6+ has and Windows PowerShell 5.1 lacks, with the parser's AST
# (no 5.1 host runs here). A list of known constructs, not a full model of 5.1: enough to catch the usual slips.
using namespace System.Management.Automation.Language

# Cmdlet parameters 5.1 lacks: command name -> parameter names (prefixes are matched, as PowerShell does).
$script:NewParameters = @{
    'Join-Path'        = @('AdditionalChildPath')
    'ForEach-Object'   = @('Parallel', 'ThrottleLimit', 'AsJob', 'TimeoutSeconds')
    'ConvertFrom-Json' = @('AsHashtable', 'Depth', 'NoEnumerate')
    'ConvertTo-Json'   = @('EnumsAsStrings', 'AsArray', 'EscapeHandling')
    'Get-Content'      = @('AsByteStream')
    'Set-Content'      = @('AsByteStream')
    'Add-Content'      = @('AsByteStream')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'Authentication', 'Token', 'StatusCodeVariable', 'ResponseHeadersVariable', 'SkipHttpErrorCheck', 'MaximumRetryCount', 'RetryIntervalSec', 'Resume', 'SslProtocol', 'Form')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SkipHttpErrorCheck', 'MaximumRetryCount', 'RetryIntervalSec', 'Resume', 'SslProtocol', 'Form')
    'Split-Path'       = @('LeafBase', 'Extension')
    'Select-String'    = @('Raw', 'NoEmphasis')
    'Get-ChildItem'    = @('FollowSymlink')
    'Import-Csv'       = @('UseQuotes')
    'Export-Csv'       = @('UseQuotes', 'QuoteFields')
    'Start-Process'    = @('Environment')
}
# Cmdlets 5.1 does not have at all.
$script:NewCommands = @('Test-Json', 'Get-Error', 'ConvertFrom-Markdown', 'Join-String', 'Remove-Alias', 'Get-Uptime', 'ConvertTo-CliXml', 'Clear-RecycleBin')
# Encodings 5.1 does not know by these names.
$script:NewEncodings = @('utf8BOM', 'utf8NoBOM', 'ansi')
# Automatic variables 5.1 does not set (an error under Set-StrictMode).
$script:NewVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle')

function Find-PowerShell6OnlySyntax {
    <# Returns one object per problem: File, Line, What. Parse errors are problems too. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ParameterSetName = 'Path')] [string] $Path,
          [Parameter(Mandatory, ParameterSetName = 'Text')] [string] $Text)
    $tokens = $null; $errors = $null
    $ast = if ($Path) { [Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors) } else { [Parser]::ParseInput($Text, [ref]$tokens, [ref]$errors) }
    $file = if ($Path) { Split-Path -Leaf $Path } else { '(text)' }
    foreach ($e in $errors) { [pscustomobject]@{ File = $file; Line = $e.Extent.StartLineNumber; What = "does not parse: $($e.Message)" } }

    $found = $ast.FindAll({ $true }, $true)
    foreach ($node in $found) {
        $what = switch ($node) {
            { $_ -is [TernaryExpressionAst] } { 'ternary operator ? :' }
            { $_ -is [PipelineChainAst] } { "pipeline chain operator $($_.Operator -replace 'AndAnd','&&' -replace 'OrOr','||')" }
            { $_ -is [BinaryExpressionAst] -and $_.Operator -eq 'QuestionQuestion' } { 'null-coalescing operator ??' }
            { $_ -is [AssignmentStatementAst] -and $_.Operator -eq 'QuestionQuestionEquals' } { 'null-coalescing assignment ??=' }
            { $_ -is [MemberExpressionAst] -and $_.NullConditional } { 'null-conditional member access ?.' }
            { $_ -is [IndexExpressionAst] -and $_.NullConditional } { 'null-conditional index ?[]' }
            { $_ -is [ScriptBlockAst] -and $_.CleanBlock } { 'clean {} block' }
            { $_ -is [VariableExpressionAst] -and $_.VariablePath.UserPath -in $script:NewVariables } { "automatic variable `$$($_.VariablePath.UserPath)" }
            { $_ -is [CommandAst] } { Test-CommandAst $_ }
        }
        foreach ($w in @($what)) { if ($w) { [pscustomobject]@{ File = $file; Line = $node.Extent.StartLineNumber; What = $w } } }
    }
}

function Test-CommandAst([CommandAst] $Command) {
    $name = $Command.GetCommandName()
    if (-not $name) { return }
    if ($name -in $script:NewCommands) { "cmdlet $name (PowerShell 6+ only)" }
    $elements = @($Command.CommandElements | Select-Object -Skip 1)
    $newOnes = $script:NewParameters[$name]
    # A parameter 5.1 has too (Split-Path -Leaf) is not an abbreviation of a new one (-LeafBase).
    $cmdlet = if ($newOnes) { Get-Command $name -CommandType Cmdlet -ErrorAction Ignore }
    $old = @(if ($cmdlet) { $cmdlet.Parameters.Keys | Where-Object { $_ -notin $newOnes } })
    foreach ($p in $elements | Where-Object { $_ -is [CommandParameterAst] }) {
        if ($p.ParameterName -in $old) { continue }
        if ($newOnes | Where-Object { $_ -like "$($p.ParameterName)*" }) { "$name -$($p.ParameterName) (PowerShell 6+ only)" }
    }
    for ($i = 0; $i -lt $elements.Count; $i++) {
        if ($elements[$i] -is [CommandParameterAst] -and $elements[$i].ParameterName -like 'Enc*' -and $i + 1 -lt $elements.Count -and "$($elements[$i + 1].Extent.Text)".Trim("'", '"') -in $script:NewEncodings) {
            "$name -Encoding $($elements[$i + 1].Extent.Text) (5.1 knows UTF8, which writes a BOM)"
        }
    }
    if ($name -eq 'Join-Path') {
        # Positional arguments: Path and ChildPath only; a third one binds to -AdditionalChildPath on 6+.
        $positional = 0
        for ($i = 0; $i -lt $elements.Count; $i++) {
            if ($elements[$i] -is [CommandParameterAst]) { if (-not $elements[$i].Argument -and $elements[$i].ParameterName -notin 'Resolve') { $i++ }; continue }
            $positional++
        }
        if ($positional -gt 2) { "Join-Path with $positional positional arguments (5.1 takes two)" }
    }
}

Export-ModuleMember -Function Find-PowerShell6OnlySyntax
