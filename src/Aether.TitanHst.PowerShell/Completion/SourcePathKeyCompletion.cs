using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace Aether.TitanHst.PowerShell.Completion
{
    /// <summary>
    /// Completes the keys inside <c>-SourcePath @{ | }</c> with the contract's source names (hr, aeries, ...).
    /// </summary>
    /// <remarks>
    /// PowerShell never calls a parameter's argument completer while the cursor is inside a hashtable literal (it
    /// completes hashtable keys itself, for a few built-in cmdlets only). So the module wraps the session's
    /// TabExpansion2 when it is imported: the previous TabExpansion2 answers first, and only when the cursor is at
    /// a key of a -SourcePath hashtable of one of this module's cmdlets are the source names put in its place.
    /// Removing the module puts the previous TabExpansion2 back.
    /// </remarks>
    public static class SourcePathKeyCompletion
    {
        // The marker lets a second import see that the wrapper is already in place.
        private const string Marker = "Aether.TitanHst: -SourcePath hashtable keys";

        private const string InstallScript = @"
param([string] $Marker)
$previous = ${function:global:TabExpansion2}
if ($null -eq $previous -or $previous.ToString().Contains($Marker)) { return }
$wrapper = {
    [CmdletBinding(DefaultParameterSetName = 'ScriptInputSet')]
    [OutputType([System.Management.Automation.CommandCompletion])]
    param(
        [Parameter(ParameterSetName = 'ScriptInputSet', Mandatory = $true, Position = 0)]
        [AllowEmptyString()]
        [string] $inputScript,
        [Parameter(ParameterSetName = 'ScriptInputSet', Position = 1)]
        [int] $cursorColumn = $inputScript.Length,
        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 0)]
        [System.Management.Automation.Language.Ast] $ast,
        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 1)]
        [System.Management.Automation.Language.Token[]] $tokens,
        [Parameter(ParameterSetName = 'AstInputSet', Mandatory = $true, Position = 2)]
        [System.Management.Automation.Language.IScriptPosition] $positionOfCursor,
        [Parameter(ParameterSetName = 'ScriptInputSet', Position = 2)]
        [Parameter(ParameterSetName = 'AstInputSet', Position = 3)]
        [Hashtable] $options = $null
    )
    # MARKER
    $result = & $previous @PSBoundParameters
    if ($PSCmdlet.ParameterSetName -eq 'ScriptInputSet') {
        [Aether.TitanHst.PowerShell.Completion.SourcePathKeyCompletion]::Extend($result, $inputScript, $cursorColumn)
    }
    else {
        [Aether.TitanHst.PowerShell.Completion.SourcePathKeyCompletion]::Extend($result, $ast, $positionOfCursor)
    }
    $result
}
$wrapper = [scriptblock]::Create($wrapper.ToString().Replace('# MARKER', '# ' + $Marker))
$installed = $wrapper.GetNewClosure()
Set-Item -Path function:global:TabExpansion2 -Value $installed
$previous
";

        private static readonly char[] EntryStarts = { '{', ';', '\n' };

        private static ScriptBlock? _previous;

        /// <summary>Wraps the session's TabExpansion2 (once); called when the module is imported.</summary>
        internal static void Install()
        {
            if (Runspace.DefaultRunspace is null)
            {
                return;
            }

            try
            {
                using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddScript(InstallScript).AddArgument(Marker);
                var previous = ps.Invoke<ScriptBlock>().FirstOrDefault();
                if (previous is not null)
                {
                    _previous = previous;
                }
            }
            catch (Exception e) when (e is RuntimeException or InvalidOperationException or PSInvalidOperationException)
            {
                // Completion is a convenience: a session that does not let us wrap TabExpansion2 still imports the module.
            }
        }

        /// <summary>Puts the previous TabExpansion2 back; called when the module is removed.</summary>
        internal static void Uninstall()
        {
            if (_previous is null || Runspace.DefaultRunspace is null)
            {
                return;
            }

            try
            {
                using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddScript("param($Previous) Set-Item -Path function:global:TabExpansion2 -Value $Previous").AddArgument(_previous);
                ps.Invoke();
                _previous = null;
            }
            catch (Exception e) when (e is RuntimeException or InvalidOperationException or PSInvalidOperationException)
            {
                // The session is going away or forbids it; nothing else to restore.
            }
        }

        /// <summary>Adds the source names when the cursor is at a key of a -SourcePath hashtable (script input).</summary>
        public static void Extend(CommandCompletion? result, string? inputScript, int cursorColumn)
        {
            if (result is null || inputScript is null)
            {
                return;
            }

            var parsed = CommandCompletion.MapStringInputToParsedInput(inputScript, cursorColumn);
            Extend(result, parsed.Item1, parsed.Item3);
        }

        /// <summary>Adds the source names when the cursor is at a key of a -SourcePath hashtable.</summary>
        public static void Extend(CommandCompletion? result, Ast? ast, IScriptPosition? cursor)
        {
            if (result is null || ast is null || cursor is null)
            {
                return;
            }

            try
            {
                var matches = Complete(ast, cursor.Offset, out var word);
                if (matches.Count > 0)
                {
                    result.CompletionMatches = new Collection<CompletionResult>(matches);
                    result.ReplacementIndex = cursor.Offset - word.Length;
                    result.ReplacementLength = word.Length;
                    result.CurrentMatchIndex = -1;
                }
            }
            catch (Exception e) when (e is RuntimeException or InvalidOperationException or ArgumentException)
            {
                // Never let completion throw at the prompt: the previous TabExpansion2's answer stands.
            }
        }

        private static List<CompletionResult> Complete(Ast root, int offset, out string word)
        {
            word = string.Empty;
            var none = new List<CompletionResult>();
            var table = root.FindAll(a => a is HashtableAst h && h.Extent.StartOffset < offset && offset <= h.Extent.EndOffset, true)
                .Cast<HashtableAst>().OrderByDescending(h => h.Extent.StartOffset).FirstOrDefault();
            if (table is null || !IsSourcePathArgument(table, out var command))
            {
                return none;
            }

            // At a key: after "@{", ";" or a line break, with no "=" typed yet in this entry.
            var script = root.Extent.Text;
            var start = table.Extent.StartOffset - root.Extent.StartOffset;
            var end = offset - root.Extent.StartOffset;
            if (start < 0 || end > script.Length || end <= start)
            {
                return none;
            }

            var typed = script.Substring(start, end - start);
            var entry = typed.Substring(typed.LastIndexOfAny(EntryStarts) + 1);
            if (entry.IndexOf('=') >= 0)
            {
                return none;
            }

            word = entry.Trim();
            var contract = SourcePathCompleter.ContractFrom(ContractArgument(command));
            if (contract is null)
            {
                return none;
            }

            var typedWord = word;
            var present = new HashSet<string>(
                table.KeyValuePairs.Select(p => p.Item1).OfType<StringConstantExpressionAst>().Select(k => k.Value).Where(k => !string.Equals(k, typedWord, StringComparison.OrdinalIgnoreCase)),
                StringComparer.OrdinalIgnoreCase);
            return contract.Sources
                .Where(s => !present.Contains(s.Name) && s.Name.StartsWith(typedWord, StringComparison.OrdinalIgnoreCase))
                .Select(s => new CompletionResult(s.Name, s.Name, CompletionResultType.ParameterValue, $"Source '{s.Name}' ({s.RelativePath} in the contract): give another file of the same shape"))
                .ToList();
        }

        /// <summary>True when the hashtable is the argument of -SourcePath of one of this module's cmdlets.</summary>
        private static bool IsSourcePathArgument(HashtableAst table, out CommandAst command)
        {
            command = null!;
            Ast? argument = table;
            var parent = table.Parent;
            if (parent is CommandParameterAst colonForm)
            {
                // -SourcePath:@{ ... }
                if (!IsSourcePath(colonForm.ParameterName))
                {
                    return false;
                }

                argument = null;
                parent = colonForm.Parent;
            }

            if (parent is not CommandAst found || !SourcePathCommands.Value.Contains(found.GetCommandName() ?? string.Empty))
            {
                return false;
            }

            if (argument is not null)
            {
                var index = found.CommandElements.IndexOf((CommandElementAst)argument);
                if (index < 1 || found.CommandElements[index - 1] is not CommandParameterAst named || named.Argument is not null || !IsSourcePath(named.ParameterName))
                {
                    return false;
                }
            }

            command = found;
            return true;
        }

        private static bool IsSourcePath(string name) =>
            name.Length >= 2 && "SourcePath".StartsWith(name, StringComparison.OrdinalIgnoreCase);

        /// <summary>The -Contract (or -Path) argument as typed: a path, or the value of a variable holding a contract.</summary>
        private static Hashtable ContractArgument(CommandAst command)
        {
            var bound = new Hashtable(StringComparer.OrdinalIgnoreCase);
            var elements = command.CommandElements;
            for (var i = 1; i < elements.Count; i++)
            {
                if (elements[i] is not CommandParameterAst p)
                {
                    // A first positional argument is the contract for every cmdlet that takes -SourcePath.
                    if (i == 1 && ValueOf(elements[i]) is { } positional)
                    {
                        bound["Contract"] = positional;
                    }

                    continue;
                }

                var name = "Contract".StartsWith(p.ParameterName, StringComparison.OrdinalIgnoreCase) ? "Contract"
                    : string.Equals(p.ParameterName, "Path", StringComparison.OrdinalIgnoreCase) ? "Path"
                    : null;
                var value = p.Argument ?? (i + 1 < elements.Count && elements[i + 1] is not CommandParameterAst ? elements[i + 1] : null);
                if (name is not null && value is not null && ValueOf(value) is { } v)
                {
                    bound[name] = v;
                }
            }

            return bound;
        }

        private static object? ValueOf(Ast element) => element switch
        {
            StringConstantExpressionAst s => s.Value,
            VariableExpressionAst v => VariableValue(v.VariablePath.UserPath),
            _ => null,
        };

        /// <summary>A variable of the session, read through a nested pipeline (the runspace is busy completing).</summary>
        private static object? VariableValue(string name)
        {
            if (Runspace.DefaultRunspace is null)
            {
                return null;
            }

            using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddCommand(@"Microsoft.PowerShell.Utility\Get-Variable").AddParameter("Name", name).AddParameter("ValueOnly").AddParameter("ErrorAction", "Ignore");
            return ps.Invoke().FirstOrDefault()?.BaseObject;
        }

        private static readonly Lazy<HashSet<string>> SourcePathCommands = new(() =>
            new HashSet<string>(
                typeof(SourcePathKeyCompletion).Assembly.GetTypes()
                    .Where(t => t.GetProperty("SourcePath")?.GetCustomAttributes<ArgumentCompleterAttribute>().Any(a => a.Type == typeof(SourcePathCompleter)) == true)
                    .Select(t => t.GetCustomAttribute<CmdletAttribute>())
                    .Where(a => a is not null)
                    .Select(a => a!.VerbName + "-" + a.NounName),
                StringComparer.OrdinalIgnoreCase));
    }
}
