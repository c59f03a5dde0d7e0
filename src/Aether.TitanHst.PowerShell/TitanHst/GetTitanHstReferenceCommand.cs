using System.Management.Automation;
using Aether.TitanHst.Client;
using Aether.TitanHst.PowerShell.Session;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.PowerShell.TitanHst
{
    /// <summary>
    /// <para type="synopsis">Lists TitanHST's roles or sites: the codes its staff records may use.</para>
    /// <para type="description">Inactive codes are listed too; TitanHST rejects them on writes.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TitanHstReference")]
    [OutputType(typeof(TargetReference))]
    public sealed class GetTitanHstReferenceCommand : PSCmdlet
    {
        /// <summary>Which list: Role or Site.</summary>
        /// <remarks>
        /// A string, not the engine's enum: PowerShell lays out cmdlet types before the module initializer can
        /// load the engine, and an engine value type in a field would fail that.
        /// </remarks>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateSet(nameof(TargetReferenceKind.Role), nameof(TargetReferenceKind.Site), IgnoreCase = true)]
        public string Kind { get; set; } = null!;

        /// <summary>The connection to use; the session's (Connect-TitanHst) by default.</summary>
        [Parameter]
        [ValidateNotNull]
        public TitanHstConnection? Connection { get; set; }

        /// <summary>Writes the codes of the requested list.</summary>
        protected override void ProcessRecord()
        {
            var connection = ConnectionResolver.Resolve(this, Connection);
            var kind = string.Equals(Kind, nameof(TargetReferenceKind.Role), System.StringComparison.OrdinalIgnoreCase) ? TargetReferenceKind.Role : TargetReferenceKind.Site;
            try
            {
                var items = ConnectionResolver.Await(this, connection.Log, connection.Client.GetReferencesAsync(kind));
                ConnectionResolver.WriteCalls(this, connection);
                WriteObject(items, enumerateCollection: true);
            }
            catch (TitanHstApiException e)
            {
                ConnectionResolver.WriteCalls(this, connection);
                ThrowTerminatingError(ClientErrors.FromApi(e, Kind));
            }
        }
    }
}
