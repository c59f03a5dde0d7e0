using System;
using System.Collections.Generic;
using System.IO;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>The folder's own copy of its checkpoints: <c>checkpoints.jsonl</c>, one signed line each, appended and fsynced.</summary>
    internal static class AuditCheckpointStore
    {
        public const string FileName = "checkpoints.jsonl";

        public static string PathIn(string folder) => Path.Combine(folder, FileName);

        public static void Append(string folder, byte[] line)
        {
            var path = PathIn(folder);
            using (var stream = PrivateFiles.Open(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, tightenExisting: false))
            {
                stream.Write(line, 0, line.Length);
                stream.Flush(flushToDisk: true);
            }
        }

        /// <summary>Every line of the file: a checkpoint (signature checked when the key is given) or the reason it is not one.</summary>
        public static IReadOnlyList<AuditCheckpointLine> Read(string folder, AuditChainKey? key)
        {
            var path = PathIn(folder);
            var list = new List<AuditCheckpointLine>();
            if (!File.Exists(path))
            {
                return list;
            }

            foreach (var line in AuditLineReader.Read(path))
            {
                if (!line.Terminated && line.Length > 0)
                {
                    // A checkpoint cut off by a crash: the next one supersedes it.
                    continue;
                }

                var checkpoint = AuditCheckpointJson.Parse(line.Bytes, line.Length, $"{FileName}:{line.Number}", key, out var problem);
                list.Add(new AuditCheckpointLine(checkpoint, problem));
            }

            return list;
        }

        /// <summary>The last readable checkpoint's number and MAC, to chain the next one to; (0, null) when there is none.</summary>
        public static (long Number, string? Mac) Last(string folder)
        {
            var lines = Read(folder, key: null);
            for (var i = lines.Count - 1; i >= 0; i--)
            {
                if (lines[i].Checkpoint is { } c)
                {
                    return (c.Number, c.Mac);
                }
            }

            return (0, null);
        }
    }

    /// <summary>One line of a checkpoint file or anchor: the checkpoint, or why it could not be read.</summary>
    internal readonly struct AuditCheckpointLine
    {
        public AuditCheckpointLine(AuditCheckpoint? checkpoint, string? problem)
        {
            Checkpoint = checkpoint;
            Problem = problem;
        }

        public AuditCheckpoint? Checkpoint { get; }

        public string? Problem { get; }
    }
}
