using System;
using System.Collections.Generic;
using System.IO;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Sample
{
    /// <summary>
    /// Writes a synthetic school district: the HR and Aeries staff exports, the code tables, a working mapping
    /// contract with its JSON Schema, and what TitanHST holds before the sync. Deterministic per seed and
    /// streaming: rows are written as people are drawn, so a million staff need no more memory than sixty.
    /// </summary>
    public static class SampleDistrictGenerator
    {
        /// <summary>The contract's file name inside the district folder.</summary>
        public const string ContractFileName = "contract.jsonc";

        /// <summary>The schema's file name, beside the contract (the contract's "$schema" points at it).</summary>
        public const string SchemaFileName = "mapping-contract.schema.json";

        /// <summary>Writes the district under <paramref name="path"/>, creating folders, overwriting its own files.</summary>
        /// <param name="path">The district folder.</param>
        /// <param name="options">Size, seed and the parts to write.</param>
        /// <param name="progress">Called on the calling thread with the number of people drawn so far.</param>
        public static SampleDistrictInfo Generate(string path, SampleDistrictOptions options, Action<int>? progress = null)
        {
            if (options.StaffCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "StaffCount must be at least 1.");
            }

            var root = Path.GetFullPath(path);
            PrivateFiles.EnsureFolder(root);
            var files = new List<string>();
            string? contractPath = null;
            if (options.WriteContract)
            {
                files.AddRange(MappingTableWriter.WriteAll(root));
                File.WriteAllBytes(Combine(root, SchemaFileName), SampleResources.MappingContractSchema());
                files.Add(SchemaFileName);
                contractPath = Combine(root, ContractFileName);
                File.WriteAllBytes(contractPath, SampleResources.SampleContract());
                files.Add(ContractFileName);
            }

            var counts = new SampleCounts();
            AeriesStaffWriter? aeries = null;
            HrEmployeeWriter? hr = null;
            HrPositionWriter? positions = null;
            TargetSeedWriter? target = null;
            try
            {
                if (options.WriteExports)
                {
                    aeries = new AeriesStaffWriter(Combine(root, AeriesStaffWriter.FileName));
                    hr = new HrEmployeeWriter(Combine(root, HrEmployeeWriter.FileName));
                    files.Add(AeriesStaffWriter.FileName);
                    files.Add(HrEmployeeWriter.FileName);
                    positions = new HrPositionWriter(Combine(root, HrPositionWriter.FileName));
                    files.Add(HrPositionWriter.FileName);
                }

                if (options.WriteTargetSeed)
                {
                    target = new TargetSeedWriter(Combine(root, TargetSeedWriter.FileName));
                    files.Add(TargetSeedWriter.FileName);
                }

                var factory = new PersonFactory(options.Seed, options.StaffCount, (options.Today ?? DateTime.Today).Date);
                var interval = Math.Max(1, options.ProgressInterval);
                for (var i = 0; i < options.StaffCount; i++)
                {
                    var (person, gone) = factory.Next(i);
                    aeries?.Write(person);
                    hr?.Write(person);
                    positions?.Write(person);
                    target?.Write(person);
                    counts.Add(person);
                    if (gone is not null)
                    {
                        target?.Write(gone);
                        counts.Add(gone);
                    }

                    if (person.ManualRecordAfter)
                    {
                        target?.WriteManualRecord();
                        counts.Increment("TargetManualRecords");
                    }

                    if (progress is not null && (i + 1) % interval == 0)
                    {
                        progress(i + 1);
                    }
                }
            }
            finally
            {
                aeries?.Dispose();
                hr?.Dispose();
                positions?.Dispose();
                target?.Dispose();
            }

            var fullPaths = files.ConvertAll(f => Combine(root, f));
            return new SampleDistrictInfo(root, contractPath, options.StaffCount, options.Seed, fullPaths, counts.ToDictionary());
        }

        /// <summary>Joins a district-relative path written with '/' to the root, creating its folder.</summary>
        internal static string Combine(string root, string relative)
        {
            var full = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            var folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateFiles.EnsureFolder(folder);
            }

            return full;
        }
    }
}
