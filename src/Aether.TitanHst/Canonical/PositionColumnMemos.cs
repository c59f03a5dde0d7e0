using System;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// What one position source's columns' repeated values read as, for one resolver (one thread): most positions
    /// share a handful of sites, job classes, FTEs and dates, so each is parsed and mapped once per extraction, not
    /// once per row. Only values that read without an issue are kept (<see cref="SharedValueMemo{T}"/>).
    /// </summary>
    internal sealed class PositionColumnMemos
    {
        internal readonly SharedValueMemo<bool> Status = new();
        internal readonly SharedValueMemo<DateTime?> Start = new();
        internal readonly SharedValueMemo<DateTime?> End = new();
        internal readonly SharedValueMemo<decimal?> Fte = new();
        internal readonly SharedValueMemo<bool> Flag = new();
        internal readonly SharedValueMemo<string> Site = new();
        internal readonly SharedValueMemo<string> Role = new();
    }
}
