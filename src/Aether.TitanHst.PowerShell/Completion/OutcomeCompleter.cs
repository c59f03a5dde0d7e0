using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Aether.TitanHst.Apply;

namespace Aether.TitanHst.PowerShell.Completion
{
    /// <summary>Completes -Outcome with the outcomes an apply records (Succeeded, Failed, Stale, Skipped).</summary>
    internal sealed class OutcomeCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = CurrentLocation.Unquote(wordToComplete ?? string.Empty);
            return Enum.GetNames(typeof(ApplyOutcomeKind))
                .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n))
                .ToList();
        }
    }
}
