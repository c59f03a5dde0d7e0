#Requires -Version 7.2
<#
.SYNOPSIS
    Builds the module's Get-Help content: MAML for the cmdlets from docs/help/*.md, and the about_ topics.

.DESCRIPTION
    platyPS is not available here, so this script does its job for our own shape of markdown
    (docs/help/README.md describes it). Only the prose comes from markdown: names, syntax, parameter types,
    mandatory/position/pipeline input, aliases, ValidateSet values and default values come from the built
    module itself, read in a child PowerShell process (so the build process never loads the module).

    Writes <ModuleOut>/en-US/<cmdlet assembly>-Help.xml (Aether.TitanHst.PowerShell.dll-Help.xml: the file
    PowerShell looks up for a binary cmdlet) and copies docs/about/about_*.help.txt beside it.

    Fails (throws, listing every problem) when a help file is wrong: a cmdlet that does not exist, a missing
    section, a parameter that does not exist, an example without code. An exported cmdlet with no help file, or
    an undocumented parameter, is only a warning here; tests/pester/Help.Tests.ps1 fails on it.

.EXAMPLE
    ./tools/Build-Help.ps1 -ModuleOut ./out/Aether.TitanHst -Root .
#>
[CmdletBinding()]
param(
    # The assembled module folder (holds the manifest).
    [Parameter(Mandatory)] [string] $ModuleOut,
    # The repository root (holds docs/help and docs/about).
    [Parameter(Mandatory)] [string] $Root
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$ModuleOut = (Resolve-Path $ModuleOut).Path
$Root = (Resolve-Path $Root).Path
$helpSource = Join-Path $Root 'docs/help'
$aboutSource = Join-Path $Root 'docs/about'
$manifestPath = Get-ChildItem $ModuleOut -Filter '*.psd1' | Select-Object -First 1 -ExpandProperty FullName
if (-not $manifestPath) { throw "Build-Help: no module manifest in '$ModuleOut'." }

$requiredSections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$optionalSections = @('SYNTAX')
$shouldProcessHelp = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Cmdlet metadata, from the built module in a child process
function Get-CmdletMetadata {
    $script = @'
$ErrorActionPreference = 'Stop'
$module = Import-Module '__MANIFEST__' -PassThru
$common = [System.Management.Automation.Cmdlet]::CommonParameters
function Format-TypeName([type] $t) {
    if ($t.IsArray) { return (Format-TypeName $t.GetElementType()) + '[]' }
    if ($t.IsGenericType -and $t.GetGenericTypeDefinition() -eq [Nullable`1]) { return Format-TypeName $t.GetGenericArguments()[0] }
    $t.Name
}
function Get-FullTypeName([type] $t) {
    if ($t.IsGenericType -and $t.GetGenericTypeDefinition() -eq [Nullable`1]) { return $t.GetGenericArguments()[0].FullName }
    $t.FullName
}
$result = foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet) {
    $instance = $null
    try { $instance = [Activator]::CreateInstance($cmd.ImplementingType) } catch { }
    $sets = foreach ($set in $cmd.ParameterSets) {
        [ordered]@{
            Name       = $set.Name
            IsDefault  = $set.IsDefault
            Parameters = @(foreach ($p in $set.Parameters) {
                if ($p.Name -in $common) { continue }
                $validateSet = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
                [ordered]@{
                    Name           = $p.Name
                    Type           = Format-TypeName $p.ParameterType
                    FullType       = Get-FullTypeName $p.ParameterType
                    IsSwitch       = $p.ParameterType -eq [System.Management.Automation.SwitchParameter]
                    IsMandatory    = $p.IsMandatory
                    Position       = $p.Position
                    ByValue        = $p.ValueFromPipeline
                    ByPropertyName = $p.ValueFromPipelineByPropertyName
                    Aliases        = @($p.Aliases)
                    ValidateSet    = @(if ($validateSet) { $validateSet.ValidValues })
                    # "Accept wildcard characters?" in Get-Help comes from the parameter's [SupportsWildcards].
                    Globbing       = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
                }
            })
        }
    }
    $defaults = [ordered]@{}
    foreach ($name in $cmd.Parameters.Keys) {
        $value = $null
        if ($instance) { try { $value = $instance.$name } catch { } }
        $text = if ($null -eq $value) { 'None' }
            elseif ($value -is [System.Management.Automation.SwitchParameter]) { [string]$value.IsPresent }
            elseif ($value -is [string] -and $value -eq '') { 'None' }
            elseif ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) { 'None' }
            else { [string]$value }
        $defaults[$name] = $text
    }
    if ($instance -is [IDisposable]) { $instance.Dispose() }
    [ordered]@{
        Name          = $cmd.Name
        Verb          = $cmd.Verb
        Noun          = $cmd.Noun
        HelpFile      = $cmd.HelpFile
        AssemblyFile  = [System.IO.Path]::GetFileName($cmd.ImplementingType.Assembly.Location)
        OutputTypes   = @($cmd.OutputType | ForEach-Object Name)
        ParameterSets = @($sets)
        Defaults      = $defaults
    }
}
'::JSON::' + (ConvertTo-Json -InputObject @($result) -Depth 8 -Compress)
'@
    $script = $script.Replace('__MANIFEST__', $manifestPath.Replace("'", "''"))
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
    $host_ = [Environment]::ProcessPath
    $arguments = @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    if ((Split-Path -Leaf $host_) -like 'dotnet*') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
    $output = & $host_ @arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Build-Help: could not read the cmdlets of '$manifestPath':`n$($output -join "`n")" }
    $json = $output | Where-Object { "$_".StartsWith('::JSON::') } | Select-Object -Last 1
    if (-not $json) { throw "Build-Help: the child process returned no cmdlet metadata:`n$($output -join "`n")" }
    @(("$json".Substring(8) | ConvertFrom-Json -AsHashtable))
}
#endregion

#region Markdown
function ConvertTo-PlainText([string] $Text) {
    # Inline markdown to console text: links keep their text (and a web address), emphasis and code marks go.
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]+)\)', {
            param($m)
            $uri = $m.Groups[2].Value
            if ($uri -match '^https?://') { "$($m.Groups[1].Value) ($uri)" } else { $m.Groups[1].Value }
        })
    $Text = $Text -replace '\*\*([^*]+)\*\*', '$1' -replace '`([^`]+)`', '$1'
    $Text
}

function ConvertTo-Paragraph([string[]] $Lines) {
    # Blank lines separate paragraphs; lines of a paragraph are joined, except list items and fenced code,
    # which keep their line breaks (Get-Help prints a paragraph's line breaks as they are).
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    $flush = {
        if ($current.Count -gt 0) { $paragraphs.Add(($current -join "`n")); $current.Clear() }
    }
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') {
            if ($inFence) { & $flush; $inFence = $false } else { & $flush; $inFence = $true }
            continue
        }
        if ($inFence) { $current.Add('    ' + $line.TrimEnd()); continue }
        if ($line.Trim() -eq '') { & $flush; continue }
        $trimmed = ConvertTo-PlainText $line.Trim()
        if ($line -match '^\s*([-*]|\d+\.)\s+') {
            $current.Add(($trimmed -replace '^[-*]\s+', '- '))
        }
        elseif ($current.Count -gt 0 -and $current[$current.Count - 1] -match '^(- |\d+\. )' -and $line -match '^\s{2,}') {
            $current[$current.Count - 1] += ' ' + $trimmed     # continuation of a list item
        }
        elseif ($current.Count -gt 0 -and $current[$current.Count - 1] -match '^(- |\d+\. )') {
            & $flush; $current.Add($trimmed)
        }
        elseif ($current.Count -gt 0) {
            $current[$current.Count - 1] += ' ' + $trimmed
        }
        else { $current.Add($trimmed) }
    }
    & $flush
    , $paragraphs.ToArray()
}

function Split-Heading([string[]] $Lines, [string] $Marker) {
    # Splits lines at headings that start with $Marker ('## ' or '### '), ignoring fenced code.
    $parts = [System.Collections.Generic.List[object]]::new()
    $pre = [System.Collections.Generic.List[string]]::new()
    $part = $null
    $inFence = $false
    $lineNumber = 0
    foreach ($line in $Lines) {
        $lineNumber++
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Marker)) {
            $part = [pscustomobject]@{ Title = $line.Substring($Marker.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new(); Offset = $lineNumber }
            $parts.Add($part)
            continue
        }
        if ($part) { $part.Lines.Add($line) } else { $pre.Add($line) }
    }
    [pscustomobject]@{ Preamble = $pre.ToArray(); Parts = $parts.ToArray() }
}

function Read-HelpMarkdown([string] $Path, [System.Collections.Generic.List[string]] $Problems) {
    $file = Split-Path -Leaf $Path
    $lines = @(Get-Content -LiteralPath $Path -Encoding utf8)
    $offset = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        if ($end -lt 0) { $Problems.Add("${file}: front matter is not closed with '---'."); return $null }
        $offset = $end + 1
        $lines = @($lines | Select-Object -Skip ($end + 1))
    }

    $title = $lines | Where-Object { $_ -match '^# ' } | Select-Object -First 1
    $name = if ($title) { $title.Substring(2).Trim() } else { $null }
    if (-not $name) { $Problems.Add("${file}: no '# Verb-Noun' title."); return $null }
    if ($name -ne [IO.Path]::GetFileNameWithoutExtension($Path)) { $Problems.Add("${file}: the title '# $name' does not match the file name.") }

    $split = Split-Heading $lines '## '
    $sections = @{}
    foreach ($part in $split.Parts) {
        $key = $part.Title.ToUpperInvariant()
        if ($key -notin $requiredSections -and $key -notin $optionalSections) {
            $Problems.Add("${file}:$($part.Offset + $offset): unknown section '## $($part.Title)' (sections: $($requiredSections -join ', '); SYNTAX optional).")
            continue
        }
        if ($sections.ContainsKey($key)) { $Problems.Add("${file}: section '## $key' appears twice."); continue }
        $sections[$key] = $part
    }
    foreach ($key in $requiredSections) {
        if (-not $sections.ContainsKey($key)) { $Problems.Add("${file}: missing section '## $key'.") }
    }
    foreach ($key in 'SYNOPSIS', 'DESCRIPTION') {
        if ($sections.ContainsKey($key) -and -not ($sections[$key].Lines | Where-Object { $_.Trim() })) { $Problems.Add("${file}: section '## $key' is empty.") }
    }

    $help = [ordered]@{
        Name        = $name
        File        = $file
        Synopsis    = @()
        Description = @()
        Examples    = @()
        Parameters  = [ordered]@{}
        Inputs      = @()
        Outputs     = @()
        Notes       = @()
        Links       = @()
    }
    if ($sections['SYNOPSIS']) { $help.Synopsis = ConvertTo-Paragraph $sections['SYNOPSIS'].Lines }
    if ($sections['DESCRIPTION']) { $help.Description = ConvertTo-Paragraph $sections['DESCRIPTION'].Lines }
    if ($sections['NOTES']) { $help.Notes = ConvertTo-Paragraph $sections['NOTES'].Lines }

    if ($sections['EXAMPLES']) {
        $help.Examples = @(foreach ($example in (Split-Heading $sections['EXAMPLES'].Lines '### ').Parts) {
                $code = [System.Collections.Generic.List[string]]::new()
                $remarks = [System.Collections.Generic.List[string]]::new()
                $state = 'before'   # before -> code -> after: the first fenced block is the code, the rest is remarks
                foreach ($line in $example.Lines) {
                    if ($state -ne 'after' -and $line -match '^\s*```') {
                        $state = if ($state -eq 'before') { 'code' } else { 'after' }
                        continue
                    }
                    if ($state -eq 'code') { $code.Add($line) } else { $remarks.Add($line) }
                }
                $codeText = ($code -join "`n").Trim("`n", "`r")
                if (-not $codeText.Trim()) { $Problems.Add("${file}: example '$($example.Title)' has no code block.") }
                [ordered]@{ Title = $example.Title; Code = $codeText; Remarks = (ConvertTo-Paragraph $remarks.ToArray()) }
            })
    }

    if ($sections['PARAMETERS']) {
        foreach ($parameter in (Split-Heading $sections['PARAMETERS'].Lines '### ').Parts) {
            if ($parameter.Title -eq 'CommonParameters') { continue }
            if ($parameter.Title -notmatch '^-(\w+)$') { $Problems.Add("${file}: parameter heading '### $($parameter.Title)' must be '### -Name'."); continue }
            # A platyPS-style yaml block (Type:, Position: ...) is ignored: those facts come from the cmdlet.
            $prose = @(Split-Fence $parameter.Lines)
            $paragraphs = ConvertTo-Paragraph $prose
            if ($paragraphs.Count -eq 0) { $Problems.Add("${file}: parameter -$($Matches[1]) has no description.") }
            $help.Parameters[$Matches[1]] = $paragraphs
        }
    }

    foreach ($kind in 'INPUTS', 'OUTPUTS') {
        if (-not $sections[$kind]) { continue }
        $parsed = Split-Heading $sections[$kind].Lines '### '
        $entries = @(foreach ($entry in $parsed.Parts) { [ordered]@{ Type = (ConvertTo-PlainText $entry.Title); Description = (ConvertTo-Paragraph $entry.Lines) } })
        if ($entries.Count -eq 0) {
            $Problems.Add("${file}: '## $kind' needs at least one '### TypeName' (or '### None') entry.")
        }
        if ($kind -eq 'INPUTS') { $help.Inputs = $entries } else { $help.Outputs = $entries }
    }

    if ($sections['RELATED LINKS']) {
        $help.Links = @(foreach ($line in $sections['RELATED LINKS'].Lines) {
                $text = $line.Trim() -replace '^[-*]\s+', ''
                if (-not $text) { continue }
                if ($text -match '^\[([^\]]+)\]\(([^)]*)\)$') {
                    $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
                    [ordered]@{ Text = $Matches[1]; Uri = $uri }
                }
                else { [ordered]@{ Text = (ConvertTo-PlainText $text); Uri = '' } }
            })
    }
    $help
}

function Split-Fence([string[]] $Lines) {
    # Drops fenced blocks whose info string is yaml (platyPS parameter metadata); keeps the rest.
    $skip = $false
    foreach ($line in $Lines) {
        if (-not $skip -and $line -match '^\s*```\s*yaml') { $skip = $true; continue }
        if ($skip) { if ($line -match '^\s*```') { $skip = $false }; continue }
        $line
    }
}
#endregion

#region MAML
$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Write-Para([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    if (-not $Paragraphs -or $Paragraphs.Count -eq 0) { $W.WriteElementString('maml', 'para', $ns.maml, ''); return }
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $ns.maml, $p) }
}

function Write-Description([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    $W.WriteStartElement('maml', 'description', $ns.maml)
    Write-Para $W $Paragraphs
    $W.WriteEndElement()
}

function Get-PipelineInput($p) {
    $kinds = @(if ($p.ByValue) { 'ByValue' }; if ($p.ByPropertyName) { 'ByPropertyName' })
    if ($kinds.Count) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-PositionText($p) { if ($p.Position -ge 0) { [string]$p.Position } else { 'named' } }

function Write-Parameter([System.Xml.XmlWriter] $W, $p, [string[]] $Description, [string] $Default, [switch] $InSyntax) {
    $W.WriteStartElement('command', 'parameter', $ns.command)
    $W.WriteAttributeString('required', ([string]$p.IsMandatory).ToLowerInvariant())
    $W.WriteAttributeString('variableLength', ($p.Type.EndsWith('[]')).ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', ([string][bool]$p.Globbing).ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', (Get-PipelineInput $p))
    $W.WriteAttributeString('position', (Get-PositionText $p))
    $W.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $ns.maml, $p.Name)
    Write-Description $W $Description
    if ($p.ValidateSet.Count -and $InSyntax) {
        $W.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($v in $p.ValidateSet) {
            $W.WriteStartElement('command', 'parameterValue', $ns.command)
            $W.WriteAttributeString('required', 'false'); $W.WriteAttributeString('variableLength', 'false')
            $W.WriteString($v); $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    elseif (-not ($InSyntax -and $p.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $ns.command)
        $W.WriteAttributeString('required', $(if ($p.IsSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', ($p.Type.EndsWith('[]')).ToString().ToLowerInvariant())
        $W.WriteString($p.Type); $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $ns.dev)
    $W.WriteElementString('maml', 'name', $ns.maml, $p.FullType)
    $W.WriteElementString('maml', 'uri', $ns.maml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $ns.dev, $Default)
    $W.WriteEndElement()
}

function Sort-SyntaxParameter($Parameters) {
    $Parameters | Sort-Object @{ Expression = { if ($_.Name -in 'WhatIf', 'Confirm') { 3 } elseif ($_.Position -ge 0) { 0 } elseif ($_.IsMandatory) { 1 } else { 2 } } },
    @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { 0 } } }
}

function Write-Command([System.Xml.XmlWriter] $W, $Meta, $Help) {
    $W.WriteStartElement('command', 'command', $ns.command)
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $W.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

    $W.WriteStartElement('command', 'details', $ns.command)
    $W.WriteElementString('command', 'name', $ns.command, $Meta.Name)
    $W.WriteElementString('command', 'verb', $ns.command, $Meta.Verb)
    $W.WriteElementString('command', 'noun', $ns.command, $Meta.Noun)
    Write-Description $W $Help.Synopsis
    $W.WriteEndElement()

    Write-Description $W $Help.Description

    # Parameters documented once, whatever the set; the default set's facts (mandatory, position) first.
    $byName = [ordered]@{}
    foreach ($set in ($Meta.ParameterSets | Sort-Object { -not $_.IsDefault })) {
        foreach ($p in $set.Parameters) { if (-not $byName.Contains($p.Name)) { $byName[$p.Name] = $p } }
    }
    $describe = {
        param($name)
        if ($Help.Parameters.Contains($name)) { return , $Help.Parameters[$name] }
        if ($shouldProcessHelp.ContainsKey($name)) { return , @($shouldProcessHelp[$name]) }
        , @()
    }

    $W.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in ($Meta.ParameterSets | Sort-Object { -not $_.IsDefault })) {
        $W.WriteStartElement('command', 'syntaxItem', $ns.command)
        $W.WriteElementString('maml', 'name', $ns.maml, $Meta.Name)
        foreach ($p in (Sort-SyntaxParameter $set.Parameters)) { Write-Parameter $W $p (& $describe $p.Name) $Meta.Defaults[$p.Name] -InSyntax }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($name in ($byName.Keys | Sort-Object { if ($_ -in 'WhatIf', 'Confirm') { "~$_" } else { $_ } })) {
        Write-Parameter $W $byName[$name] (& $describe $name) $Meta.Defaults[$name]
    }
    $W.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Help.Inputs), @('returnValues', 'returnValue', $Help.Outputs))) {
        $W.WriteStartElement('command', $kind[0], $ns.command)
        foreach ($entry in $kind[2]) {
            $W.WriteStartElement('command', $kind[1], $ns.command)
            $W.WriteStartElement('dev', 'type', $ns.dev)
            $W.WriteElementString('maml', 'name', $ns.maml, $entry.Type)
            $W.WriteEndElement()
            Write-Description $W $entry.Description
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    $W.WriteStartElement('maml', 'alertSet', $ns.maml)
    $W.WriteStartElement('maml', 'alert', $ns.maml)
    Write-Para $W $Help.Notes
    $W.WriteEndElement(); $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $ns.command)
    foreach ($example in $Help.Examples) {
        $W.WriteStartElement('command', 'example', $ns.command)
        $W.WriteElementString('maml', 'title', $ns.maml, "---------- $($example.Title) ----------")
        $W.WriteElementString('dev', 'code', $ns.dev, $example.Code)
        $W.WriteStartElement('dev', 'remarks', $ns.dev)
        Write-Para $W (@($example.Remarks) + '')    # the empty paragraph spaces the examples apart
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in $Help.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $W.WriteElementString('maml', 'linkText', $ns.maml, $link.Text)
        $W.WriteElementString('maml', 'uri', $ns.maml, $link.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}
#endregion

# --- main ---
$problems = [System.Collections.Generic.List[string]]::new()
$metadata = Get-CmdletMetadata
$byCmdlet = @{}; foreach ($m in $metadata) { $byCmdlet[$m.Name] = $m }

$helpFiles = @(Get-ChildItem $helpSource -Filter '*-*.md' -File -ErrorAction SilentlyContinue | Sort-Object Name)
$docs = @{}
foreach ($file in $helpFiles) {
    $help = Read-HelpMarkdown $file.FullName $problems
    if (-not $help) { continue }
    if (-not $byCmdlet.ContainsKey($help.Name)) {
        $problems.Add("$($file.Name): the module exports no cmdlet '$($help.Name)' (exported: $(($byCmdlet.Keys | Sort-Object) -join ', ')).")
        continue
    }
    $meta = $byCmdlet[$help.Name]
    $real = @($meta.ParameterSets | ForEach-Object { $_.Parameters } | ForEach-Object Name | Select-Object -Unique)
    foreach ($documented in $help.Parameters.Keys) {
        if ($documented -notin $real) {
            $problems.Add("$($file.Name): documents parameter -$documented, but $($help.Name) has no such parameter (its parameters: $(($real | ForEach-Object { "-$_" }) -join ', ')).")
        }
    }
    foreach ($parameter in $real) {
        if ($parameter -notin $help.Parameters.Keys -and -not $shouldProcessHelp.ContainsKey($parameter)) {
            Write-Warning "$($file.Name): parameter -$parameter of $($help.Name) is not documented (Help.Tests.ps1 will fail)."
        }
    }
    if ($help.Examples.Count -lt 2) { Write-Warning "$($file.Name): $($help.Examples.Count) example(s); at least two are expected (Help.Tests.ps1 will fail)." }
    $docs[$help.Name] = $help
}
foreach ($name in ($byCmdlet.Keys | Sort-Object)) {
    if (-not $docs.ContainsKey($name) -and -not ($helpFiles | Where-Object BaseName -eq $name)) {
        Write-Warning "No help for $name`: add docs/help/$name.md (see docs/help/README.md); Help.Tests.ps1 will fail until then."
    }
}

$aboutFiles = @(Get-ChildItem $aboutSource -Filter 'about_*.help.txt' -File -ErrorAction SilentlyContinue)
foreach ($about in $aboutFiles) {
    $text = Get-Content -Raw -LiteralPath $about.FullName
    foreach ($heading in 'TOPIC', 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'SEE ALSO') {
        if ($text -notmatch "(?m)^$heading\s*$") { $problems.Add("$($about.Name): missing the '$heading' heading.") }
    }
}

if ($problems.Count -gt 0) {
    throw "Build-Help: $($problems.Count) problem(s) in docs/help or docs/about:`n  " + ($problems -join "`n  ")
}

$culture = Join-Path $ModuleOut 'en-US'
New-Item -ItemType Directory -Force $culture | Out-Null
foreach ($group in ($metadata | Group-Object AssemblyFile)) {
    $target = Join-Path $culture "$($group.Name)-Help.xml"
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $writer = [System.Xml.XmlWriter]::Create($target, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', $ns.msh)
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($meta in ($group.Group | Sort-Object Name)) {
            if ($docs.ContainsKey($meta.Name)) { Write-Command $writer $meta $docs[$meta.Name] }
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
    $documented = @($group.Group | Where-Object { $docs.ContainsKey($_.Name) }).Count
    Write-Host "Help: $documented of $($group.Count) cmdlet(s) -> $target" -ForegroundColor DarkGray
}
foreach ($about in $aboutFiles) { Copy-Item -LiteralPath $about.FullName -Destination $culture -Force }
if ($aboutFiles.Count) { Write-Host "Help: $($aboutFiles.Count) about topic(s) -> $culture" -ForegroundColor DarkGray }
