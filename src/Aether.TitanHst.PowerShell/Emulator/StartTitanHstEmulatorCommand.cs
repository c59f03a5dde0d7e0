using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Security;

namespace Aether.TitanHst.PowerShell.Emulator
{
    /// <summary>
    /// <para type="synopsis">Starts the bundled TitanHST emulator on 127.0.0.1 and returns how to reach it.</para>
    /// <para type="description">Runs the emulator (docs/emulator.md) as a child process with a fresh client secret,
    /// waits until it listens, and returns a TitanHstEmulatorInstance. Stop it with Stop-TitanHstEmulator.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "TitanHstEmulator", SupportsShouldProcess = true)]
    [OutputType(typeof(TitanHstEmulatorInstance))]
    public sealed class StartTitanHstEmulatorCommand : PSCmdlet
    {
        internal const string EmulatorNotFound = nameof(EmulatorNotFound);
        internal const string EmulatorStartFailed = nameof(EmulatorStartFailed);
        internal const string ClientId = "demo-client";

        /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free port.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>Seed file (roles, sites, staff) loaded at start and on reset.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SeedPath { get; set; }

        /// <summary>State file: loaded at start if it exists, rewritten as the state changes and on stop.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <summary>Requests per second the emulator accepts before answering 429; 0 means unlimited.</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public double RateLimit { get; set; }

        /// <summary>Share of API requests (0 to 1) that get an injected fault from FaultMix.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double FaultRate { get; set; }

        /// <summary>Fault weights, e.g. "429=0.3,500=0.3,503=0.2,slow=0.1,drop=0.1".</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateFaultMix]
        public string? FaultMix { get; set; }

        /// <summary>Seed for the fault sequence, so a run can be repeated.</summary>
        [Parameter]
        public int? FaultSeed { get; set; }

        /// <summary>Lifetime of issued access tokens, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? TokenLifetimeSeconds { get; set; }

        /// <summary>Folder holding Aether.TitanHst.Emulator.dll; default $env:AETHER_TITANHST_EMULATOR, else "emulator" beside the module folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EmulatorPath { get; set; }

        /// <summary>Also registers a read-only client ("&lt;ClientId&gt;-read", staff.read and reference.read only), returned as ReadCredential, for least-privilege tests.</summary>
        [Parameter]
        public SwitchParameter ReadOnlyClient { get; set; }

        /// <summary>How long to wait for the emulator to listen, in seconds (default 60).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int StartupTimeoutSeconds { get; set; } = 60;

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var folder = EmulatorPath is null
                ? EmulatorProcess.DefaultEmulatorPath(MyInvocation.MyCommand.Module?.ModuleBase)
                : Resolve(EmulatorPath);
            var assembly = Path.Combine(folder, EmulatorProcess.AssemblyFileName);
            if (!File.Exists(assembly))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new FileNotFoundException($"The emulator was not found at '{assembly}'. Build it (build.ps1) or pass -EmulatorPath.", assembly),
                    EmulatorNotFound, ErrorCategory.ObjectNotFound, assembly));
            }

            var target = "TitanHST emulator on 127.0.0.1:" + (Port == 0 ? "<free port>" : Port.ToString(CultureInfo.InvariantCulture));
            if (!ShouldProcess(target, "Start"))
            {
                return;
            }

            var secret = EmulatorProcess.NewSecret();
            var readSecret = ReadOnlyClient ? EmulatorProcess.NewSecret() : null;
            try
            {
                var (process, baseUri) = EmulatorProcess.Start(EmulatorProcess.ResolveDotnetHost(), assembly, Arguments(), secret,
                    TimeSpan.FromSeconds(StartupTimeoutSeconds), readSecret);
                if (!EmulatorRecords.Add(process, baseUri))
                {
                    WriteWarning($"The emulator's record could not be written to {EmulatorRecords.Folder}; Stop-TitanHstEmulator can stop it only from this session.");
                }

                WriteObject(new TitanHstEmulatorInstance(baseUri, process.Id, new PSCredential(ClientId, ToSecure(secret)), DateTimeOffset.Now)
                {
                    ReadCredential = readSecret is null ? null : new PSCredential(ReadClientId, ToSecure(readSecret)),
                });
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                ThrowTerminatingError(new ErrorRecord(e, EmulatorStartFailed, ErrorCategory.OpenError, assembly));
            }
        }

        private List<string> Arguments()
        {
            var args = new List<string> { "--port", Port.ToString(CultureInfo.InvariantCulture), "--client-id", ClientId };
            if (ReadOnlyClient) args.AddRange(new[] { "--read-client-id", ReadClientId });
            if (SeedPath is not null) args.AddRange(new[] { "--seed-file", Resolve(SeedPath) });
            if (StatePath is not null) args.AddRange(new[] { "--state-file", Resolve(StatePath) });
            if (RateLimit > 0) args.AddRange(new[] { "--rate-limit", RateLimit.ToString(CultureInfo.InvariantCulture) });
            if (FaultRate > 0) args.AddRange(new[] { "--fault-rate", FaultRate.ToString(CultureInfo.InvariantCulture) });
            if (FaultMix is not null) args.AddRange(new[] { "--fault-mix", FaultMix });
            if (FaultSeed is int seed) args.AddRange(new[] { "--fault-seed", seed.ToString(CultureInfo.InvariantCulture) });
            if (TokenLifetimeSeconds is int lifetime) args.AddRange(new[] { "--token-lifetime", lifetime.ToString(CultureInfo.InvariantCulture) });
            return args;
        }

        private static string ReadClientId => ClientId + "-read";

        private string Resolve(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        private static SecureString ToSecure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}
