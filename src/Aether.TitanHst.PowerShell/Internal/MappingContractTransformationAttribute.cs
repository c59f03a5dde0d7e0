using System;
using System.Management.Automation;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>Lets -Contract take a path as well as a contract object: <c>-Contract ./contract.jsonc</c>.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class MappingContractTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var path = ContractArgument.PathOf(inputData);
            if (path is null)
            {
                return inputData;
            }

            try
            {
                var resolved = engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                return ContractLoader.Load(resolved);
            }
            catch (InputFileException ex)
            {
                throw new ArgumentTransformationMetadataException(ex.Message, ex);
            }
        }
    }
}
