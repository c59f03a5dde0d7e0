using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>
    /// The hot path compiled on the other core while the first contract loads: every method marked <see cref="Hot.Path"/>
    /// that a thread can compile alone is listed, in the order a diff needs them, and each can be compiled (the
    /// background thread swallows failures so as never to end the operator's process, so a method it could not compile
    /// would go unnoticed but for this test); loading a contract starts it.
    /// </summary>
    public sealed class HotPathCompilationTests
    {
        [Fact]
        public void Every_hot_method_is_listed_and_no_other()
        {
            var listed = HotPathCompilation.Methods();
            Assert.Contains(listed, m => m.DeclaringType == typeof(ColumnInterner) && m.Name == nameof(ColumnInterner.TryGet));
            Assert.Contains(listed, m => m.DeclaringType == typeof(CsvRowScanner) && m.Name == "Scan");
            Assert.Contains(listed, m => m.DeclaringType == typeof(DiffRun) && m.Name == nameof(DiffRun.Consider));
            Assert.All(listed, m => Assert.True((m.MethodImplementationFlags & (MethodImplAttributes)Hot.Path) != 0, m.Name));
            Assert.DoesNotContain(listed, m => m.DeclaringType == typeof(ContractLoader));
            Assert.Equal(listed.Count, listed.Distinct().Count());

            // The same filter, written as one query over the assembly: a walk that skipped constructors, static or
            // private methods, or nested types would list fewer.
            const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            var expected = typeof(Hot).Assembly.GetTypes()
                .Where(t => !t.ContainsGenericParameters)
                .SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
                .Count(m => (m.MethodImplementationFlags & (MethodImplAttributes)Hot.Path) != 0 && !m.IsAbstract && !m.ContainsGenericParameters);
            Assert.Equal(expected, listed.Count);
            Assert.InRange(listed.Count, 100, 1000);
        }

        [Fact]
        public void The_exports_reader_comes_first_and_the_preview_last()
        {
            var listed = HotPathCompilation.Methods();
            var scan = listed.FindIndex(m => m.DeclaringType == typeof(CsvRowScanner));
            var build = listed.FindIndex(m => m.DeclaringType == typeof(RecordBuilder));
            var compare = listed.FindIndex(m => m.DeclaringType == typeof(DiffRun));
            var preview = listed.FindIndex(m => m.DeclaringType?.Namespace == "Aether.TitanHst.Preview");
            Assert.True(scan >= 0 && scan < build && build < compare && compare < preview, $"scanner {scan}, builder {build}, compare {compare}, preview {preview}");
        }

        [Fact]
        public void Each_listed_method_can_be_compiled_alone()
        {
            foreach (var method in HotPathCompilation.Methods())
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
            }
        }

        [Fact]
        public void Loading_a_contract_starts_the_compilation()
        {
            using var district = new TempDistrict();
            HotPathCompilation.RequestedOnThisThread = false;
            ContractLoader.Load(district.ContractPath);
            Assert.True(HotPathCompilation.RequestedOnThisThread);
        }
    }
}
