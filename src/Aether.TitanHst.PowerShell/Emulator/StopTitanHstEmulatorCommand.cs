using System;
using System.Globalization;
using System.Management.Automation;

namespace Aether.TitanHst.PowerShell.Emulator
{
    /// <summary>
    /// <para type="synopsis">Stops a TitanHST emulator started by Start-TitanHstEmulator.</para>
    /// <para type="description">Asks the emulator to shut down (so it writes its state file), then kills its process
    /// tree if it has not exited within a few seconds.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "TitanHstEmulator", SupportsShouldProcess = true, DefaultParameterSetName = InstanceSet)]
    [OutputType(typeof(void))]
    public sealed class StopTitanHstEmulatorCommand : PSCmdlet
    {
        private const string InstanceSet = "Instance";
        private const string ProcessIdSet = "ProcessId";

        /// <summary>The emulator to stop, as returned by Start-TitanHstEmulator.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InstanceSet)]
        [ValidateNotNull]
        public TitanHstEmulatorInstance? InputObject { get; set; }

        /// <summary>The emulator's process id (binds from a ProcessId property on piped objects).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ProcessIdSet)]
        [ValidateRange(1, int.MaxValue)]
        public int ProcessId { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var id = InputObject?.ProcessId ?? ProcessId;
            var target = InputObject is null
                ? "TitanHST emulator process " + id.ToString(CultureInfo.InvariantCulture)
                : $"TitanHST emulator at {InputObject.BaseUri} (process {id})";
            if (!ShouldProcess(target, "Stop"))
            {
                return;
            }

            if (!EmulatorProcess.Stop(id, InputObject?.BaseUri, TimeSpan.FromSeconds(5)))
            {
                WriteVerbose($"Process {id} had already exited.");
            }
        }
    }
}
