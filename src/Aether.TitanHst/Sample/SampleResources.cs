using System.IO;
using System.Reflection;

namespace Aether.TitanHst.Sample
{
    /// <summary>Text embedded in the engine: the sample contract and the contract's JSON Schema.</summary>
    /// <remarks>
    /// The schema's one source is module/Aether.TitanHst/schemas/mapping-contract.schema.json; the engine embeds
    /// that same file (see the csproj), so the module's copy and the generator's copy cannot differ.
    /// </remarks>
    public static class SampleResources
    {
        internal const string ContractResource = "Aether.TitanHst.Sample.contract.jsonc";
        internal const string SchemaResource = "Aether.TitanHst.Schemas.mapping-contract.schema.json";

        /// <summary>The JSON Schema (draft 2020-12) of the mapping contract.</summary>
        public static byte[] MappingContractSchema() => Read(SchemaResource);

        internal static byte[] SampleContract() => Read(ContractResource);

        private static byte[] Read(string name)
        {
            using var stream = typeof(SampleResources).GetTypeInfo().Assembly.GetManifestResourceStream(name)
                ?? throw new FileNotFoundException($"Embedded resource '{name}' is missing from the engine assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
