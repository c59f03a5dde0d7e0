using System;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Contract
{
    /// <summary>A problem at a JSON path of the contract; the loader adds the file and line.</summary>
    internal sealed class ContractPathException : Exception
    {
        internal ContractPathException(string path, string problem, string errorId = InputErrorIds.ContractPropertyInvalid)
            : base(problem)
        {
            PropertyPath = path;
            ErrorId = errorId;
        }

        internal string PropertyPath { get; }

        internal string ErrorId { get; }
    }
}
