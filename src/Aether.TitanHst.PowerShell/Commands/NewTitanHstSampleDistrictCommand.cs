using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Sample;

namespace Aether.TitanHst.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes a synthetic school district: HR and Aeries exports, code tables, a working mapping contract and TitanHST's starting data.</para>
    /// <para type="description">The district is deterministic per seed (the same seed writes the same bytes) and written as it is generated, so a million staff need little memory. Use it to try the module, for demos and for benchmarks.</para>
    /// </summary>
    /// <example>
    /// <code>New-TitanHstSampleDistrict -Path ./district -StaffCount 500 -Seed 1</code>
    /// </example>
    [Cmdlet(VerbsCommon.New, "TitanHstSampleDistrict", SupportsShouldProcess = true)]
    [OutputType(typeof(SampleDistrictInfo))]
    public sealed class NewTitanHstSampleDistrictCommand : PSCmdlet
    {
        /// <summary>Error id: the folder has files and -Force was not given.</summary>
        public const string SampleFolderNotEmpty = nameof(SampleFolderNotEmpty);

        /// <summary>Error id: the district could not be written (disk full, access denied, ...).</summary>
        public const string SampleDistrictWriteFailed = nameof(SampleDistrictWriteFailed);

        private const int ProgressInterval = 10_000;
        private const int ProgressThreshold = 50_000;

        /// <summary>
        /// <para type="description">The folder to write the district to. It is created if missing; it must be empty unless -Force is given.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">How many people the exports hold (HR, Aeries or both). Default: 500.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 10_000_000)]
        public int StaffCount { get; set; } = 500;

        /// <summary>
        /// <para type="description">The random seed. The same seed and staff count always write the same bytes. Default: 1.</para>
        /// </summary>
        [Parameter]
        public int Seed { get; set; } = 1;

        /// <summary>
        /// <para type="description">Write into a folder that already has files, overwriting the district's own files (other files are left alone).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// <para type="description">Do not write titanhst-seed.json (what TitanHST holds before the first sync); for benchmarks of the extract alone.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter NoTargetSeed { get; set; }

        /// <summary>Checks the folder, writes the district and outputs a <see cref="SampleDistrictInfo"/>.</summary>
        protected override void ProcessRecord()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any() && !Force)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"The folder '{path}' is not empty. Choose an empty or new folder, or use -Force to overwrite the sample district's files in it."),
                    SampleFolderNotEmpty, ErrorCategory.ResourceExists, path));
            }

            if (!ShouldProcess(path, $"Write a sample district of {StaffCount} staff (seed {Seed})"))
            {
                return;
            }

            var options = new SampleDistrictOptions
            {
                StaffCount = StaffCount,
                Seed = Seed,
                WriteTargetSeed = !NoTargetSeed,
                ProgressInterval = ProgressInterval,
            };
            var progress = new ProgressRecord(1, "New-TitanHstSampleDistrict", $"Writing {StaffCount:N0} staff to {path}");
            Action<int>? report = StaffCount >= ProgressThreshold
                ? done =>
                {
                    progress.PercentComplete = (int)(100L * done / StaffCount);
                    progress.StatusDescription = $"{done:N0} of {StaffCount:N0} staff";
                    WriteProgress(progress);
                }
                : null;

            SampleDistrictInfo? info = null;
            Exception? failure = null;
            try
            {
                info = SampleDistrictGenerator.Generate(path, options, report);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failure = ex;
            }

            if (report is not null)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }

            if (info is null)
            {
                ThrowTerminatingError(new ErrorRecord(failure, SampleDistrictWriteFailed, ErrorCategory.WriteError, path));
                return;
            }

            WriteObject(info);
        }
    }
}
