using System;
using System.Globalization;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Emulator
{
    /// <summary>
    /// <para type="synopsis">Stops a TitanHST emulator started by Start-TitanHstEmulator.</para>
    /// <para type="description">Asks the emulator to shut down (so it writes its state file), then kills its process
    /// tree if it has not exited within a few seconds. A process that is not an emulator started by
    /// Start-TitanHstEmulator is refused (NotTitanHstEmulator) and left running.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "TitanHstEmulator", SupportsShouldProcess = true, DefaultParameterSetName = InstanceSet)]
    [OutputType(typeof(void))]
    public sealed class StopTitanHstEmulatorCommand : PSCmdlet
    {
        internal const string NotTitanHstEmulator = nameof(NotTitanHstEmulator);
        private const string InstanceSet = "Instance";
        private const string ProcessIdSet = "ProcessId";

        /// <summary>The emulator to stop, as returned by Start-TitanHstEmulator.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InstanceSet)]
        [ValidateNotNull]
        public TitanHstEmulatorInstance? InputObject { get; set; }

        /// <summary>The emulator's process id (binds from a ProcessId property on piped objects); any other process is refused.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ProcessIdSet)]
        [ValidateRange(1, int.MaxValue)]
        public int ProcessId { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var id = InputObject?.ProcessId ?? ProcessId;
            var (running, baseUri, name) = EmulatorProcess.Identify(id);
            if (!running)
            {
                WriteVerbose($"Process {id} had already exited.");
                return;
            }

            // Checked before -WhatIf and -Confirm: they must not offer to stop a process that is not an emulator.
            if (baseUri is null)
            {
                var refusal = $"Process {id.ToString(CultureInfo.InvariantCulture)} ({name}) is not a TitanHST emulator started by Start-TitanHstEmulator; it was not stopped.";
                WriteError(new ErrorRecord(new ArgumentException(refusal), NotTitanHstEmulator, ErrorCategory.InvalidArgument, id)
                {
                    ErrorDetails = new ErrorDetails(refusal)
                    {
                        RecommendedAction = "Pass the object Start-TitanHstEmulator returned, or the ProcessId of an emulator it started; stop any other process with Stop-Process.",
                    },
                });
                return;
            }

            if (!ShouldProcess($"TitanHST emulator at {baseUri} (process {id})", "Stop"))
            {
                return;
            }

            if (!EmulatorProcess.Stop(id, baseUri, TimeSpan.FromSeconds(5)))
            {
                WriteVerbose($"Process {id} had already exited.");
            }
        }
    }
}
