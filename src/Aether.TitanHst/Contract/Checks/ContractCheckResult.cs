using System.Collections.Generic;

namespace Aether.TitanHst.Contract.Checks
{
    /// <summary>How much a contract check's finding matters.</summary>
    public enum CheckSeverity
    {
        Information,
        Warning,
        Error,
    }

    /// <summary>One finding of Test-MappingContract: which rule, how bad, what, and the codes or rows involved.</summary>
    public sealed class ContractCheckResult
    {
        public ContractCheckResult(string rule, CheckSeverity severity, string message, IReadOnlyList<string>? items = null, int count = 0)
        {
            Rule = rule;
            _severity = severity;
            Message = message;
            Items = items ?? System.Array.Empty<string>();
            Count = count == 0 ? Items.Count : count;
        }

        /// <summary>The check's stable name (see <see cref="CheckRules"/>).</summary>
        public string Rule { get; }

        private readonly CheckSeverity _severity;

        /// <summary>Information, Warning or Error, as text; typed through <see cref="GetSeverity"/>.</summary>
        public string Severity => _severity.ToString();

        /// <summary>The severity, typed (a method, so it never serializes as a number).</summary>
        public CheckSeverity GetSeverity() => _severity;

        public string Message { get; }

        /// <summary>The codes, keys or "file:line" places concerned (at most a few dozen; <see cref="Count"/> has the total).</summary>
        public IReadOnlyList<string> Items { get; }

        public int Count { get; }

        public override string ToString() => $"{_severity} {Rule}: {Message}";
    }
}
