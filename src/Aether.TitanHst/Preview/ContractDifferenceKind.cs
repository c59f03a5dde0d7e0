using System;

namespace Aether.TitanHst.Preview
{
    /// <summary>How a person's outcome differs between two contracts. A person may carry several.</summary>
    [Flags]
    public enum ContractDifferenceKind
    {
        None = 0,

        /// <summary>In scope under the new contract only (a record is built where none was).</summary>
        EnteredScope = 1,

        /// <summary>In scope under the old contract only.</summary>
        LeftScope = 2,

        /// <summary>A canonical field value differs (old value under the reference contract, new under the difference).</summary>
        FieldChanged = 4,

        /// <summary>A conflict rule holds the person under the new contract only.</summary>
        ConflictAdded = 8,

        /// <summary>A conflict under the old contract is gone under the new one.</summary>
        ConflictCleared = 16,

        /// <summary>The record cannot be built under the new contract only (an unmapped code, a blank required field).</summary>
        ErrorAdded = 32,

        /// <summary>An error under the old contract is gone under the new one.</summary>
        ErrorCleared = 64,

        /// <summary>With a target: the change each contract would make in TitanHST differs (action, fields or risk).</summary>
        TargetChangeDiffers = 128,
    }
}
