using System;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Records that can be read straight into a <see cref="TargetTable"/>, without a <see cref="TargetStaffRecord"/>
    /// made for each: a snapshot file's records, a table itself, and the wrappers that count or stop a read
    /// (<see cref="TargetRecordStream"/>), which pass the table read through.
    /// </summary>
    internal interface ITargetTableSource
    {
        /// <summary>Reads every record into a table; <paramref name="afterEachRecord"/> runs after each one is in.</summary>
        TargetTable ReadTable(Action? afterEachRecord);
    }
}
