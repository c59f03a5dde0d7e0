# A PowerShell host that answers confirmation prompts from a list ('Yes', 'No', 'No to All', ...) and keeps what is
# written to it: the Pester suites use it to answer -Confirm as a person would, and to read warnings written to the
# host after a pipeline was stopped.

if (-not ('AetherTests.AnswerHost' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace AetherTests
{
    public sealed class AnswerHost : PSHost
    {
        private readonly AnswerUI _ui;
        private readonly Guid _id = Guid.NewGuid();

        public AnswerHost(IEnumerable<string> answers) { _ui = new AnswerUI(answers); }

        public AnswerUI Answers => _ui;
        public override string Name => "AnswerHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class AnswerUI : PSHostUserInterface
    {
        private readonly Queue<string> _answers;

        public AnswerUI(IEnumerable<string> answers) { _answers = new Queue<string>(answers); }

        public List<string> Prompts { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<string> Lines { get; } = new List<string>();
        public override PSHostRawUserInterface RawUI => null;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(message);
            var answer = _answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException("No answer left for: " + message);
            for (var i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label.Replace("&", string.Empty), answer, StringComparison.OrdinalIgnoreCase)) { return i; }
            }

            throw new InvalidOperationException("No choice '" + answer + "' in the prompt.");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() => string.Empty;
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override void Write(string value) => Lines.Add(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Lines.Add(value);
        public override void WriteLine(string value) => Lines.Add(value);
        public override void WriteErrorLine(string value) => Lines.Add(value);
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) => Warnings.Add(message);
    }
}
'@
}

function New-AnswerRunspace {
    # A runspace whose host answers prompts with -Answer, with the built module imported. Returns the host and a
    # PowerShell bound to the runspace; the caller disposes both.
    param([string[]] $Answer = @(), [Parameter(Mandatory)] [string] $ModulePath)
    $answerHost = [AetherTests.AnswerHost]::new([string[]]$Answer)
    $runspace = [runspacefactory]::CreateRunspace($answerHost)
    $runspace.Open()
    $shell = [powershell]::Create()
    $shell.Runspace = $runspace
    $null = $shell.AddScript("Import-Module '$ModulePath'").Invoke()
    $shell.Commands.Clear()
    [pscustomobject]@{ Host = $answerHost; Shell = $shell; Runspace = $runspace }
}

Export-ModuleMember -Function New-AnswerRunspace
