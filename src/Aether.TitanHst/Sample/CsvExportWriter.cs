using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Sample
{
    /// <summary>Writes a delimited export row by row, CRLF line ends, in the encoding the source system uses.</summary>
    internal sealed class CsvExportWriter : IDisposable
    {
        private readonly StreamWriter _writer;
        private readonly StringBuilder _line = new(256);
        private readonly int _columns;

        internal CsvExportWriter(string path, Encoding encoding, IReadOnlyList<string> header)
        {
            // Exports hold (sample) personal data: owner-only, like the real exports should be.
            var stream = PrivateFiles.CreateNew(path, FileMode.Create);
            _writer = new StreamWriter(stream, encoding, 1 << 16);
            _columns = header.Count;
            Write(header);
        }

        internal void Write(IReadOnlyList<string> values)
        {
            if (values.Count != _columns)
            {
                throw new ArgumentException($"Expected {_columns} values, got {values.Count}.", nameof(values));
            }

            _line.Clear();
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    _line.Append(',');
                }

                SampleFormats.AppendField(_line, values[i]);
            }

            _line.Append("\r\n");
            _writer.Write(_line.ToString());
        }

        internal void WriteBlankLine() => _writer.Write("\r\n");

        public void Dispose() => _writer.Dispose();
    }
}
