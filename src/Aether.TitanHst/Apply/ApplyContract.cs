using System;
using System.IO;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// Finds the contract a set of changes must be checked against before they are written: the one given, the one
    /// the diff ran with (changes that never left this process), or the file the plan names; always the same hash.
    /// </summary>
    public static class ApplyContract
    {
        /// <exception cref="ApplyRefusedException">No contract can be found, or the one found is not the one the changes were computed with.</exception>
        public static MappingContract Resolve(DiffIdentity identity, MappingContract? given)
        {
            var contract = given ?? identity.Contract ?? Load(identity);
            if (!string.Equals(contract.Hash, identity.ContractHash, StringComparison.Ordinal))
            {
                throw new ApplyRefusedException(ApplyErrorIds.ContractMismatch,
                    $"The changes were computed with contract {identity.ContractId} {identity.ContractVersion} ({identity.ContractHash}), but {contract.Path} is {contract.Version} ({contract.Hash}). Nothing was applied; pass the contract they were computed with (-Contract), or diff again.");
            }

            return contract;
        }

        private static MappingContract Load(DiffIdentity identity)
        {
            if (identity.ContractPath is null || !File.Exists(identity.ContractPath))
            {
                throw new ApplyRefusedException(ApplyErrorIds.ContractRequired,
                    $"Contract {identity.ContractId} {identity.ContractVersion} is needed to check the changes again before writing, and it is not at the path the plan records; pass it with -Contract.");
            }

            try
            {
                return ContractLoader.Load(identity.ContractPath);
            }
            catch (InputFileException ex)
            {
                throw new ApplyRefusedException(ApplyErrorIds.ContractRequired,
                    $"Contract {identity.ContractId} could not be loaded from {identity.ContractPath} ({ex.ErrorId}); pass it with -Contract.");
            }
        }
    }
}
