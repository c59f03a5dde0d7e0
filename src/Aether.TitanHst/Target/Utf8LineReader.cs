using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Reads a file's lines as UTF-8 bytes from one pooled buffer, split where <see cref="StreamReader.ReadLine"/>
    /// splits them (LF, CR, CR LF), so a snapshot line is parsed without first becoming a string.
    /// </summary>
    internal sealed class Utf8LineReader : IDisposable
    {
        private readonly Stream _stream;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private bool _eof;

        internal Utf8LineReader(Stream stream, int bufferSize = 1 << 16)
        {
            _stream = stream;
            _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        }

        /// <summary>The next line without its line break, valid until the next call; false at the end of the file.</summary>
        [MethodImpl(Hot.Path)]
        internal bool TryReadLine(out ReadOnlyMemory<byte> line)
        {
            // Offsets are relative to _start, which Fill moves to 0.
            var scanned = 0;
            while (true)
            {
                var at = new ReadOnlySpan<byte>(_buffer, _start + scanned, _end - _start - scanned).IndexOfAny((byte)'\n', (byte)'\r');
                if (at >= 0)
                {
                    var breakAt = _start + scanned + at;
                    if (_buffer[breakAt] == '\r' && breakAt + 1 == _end && !_eof)
                    {
                        // A CR at the end of what is read may be the first half of CR LF: read on before deciding.
                        scanned += at;
                        Fill();
                        continue;
                    }

                    line = new ReadOnlyMemory<byte>(_buffer, _start, breakAt - _start);
                    var next = breakAt + 1;
                    if (_buffer[breakAt] == '\r' && next < _end && _buffer[next] == '\n')
                    {
                        next++;
                    }

                    _start = next;
                    return true;
                }

                if (_eof)
                {
                    if (_end > _start)
                    {
                        line = new ReadOnlyMemory<byte>(_buffer, _start, _end - _start);
                        _start = _end;
                        return true;
                    }

                    line = default;
                    return false;
                }

                scanned = _end - _start;
                Fill();
            }
        }

        public void Dispose()
        {
            _stream.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = Array.Empty<byte>();
        }

        /// <summary>Moves the unread bytes to the front (growing the buffer for a long line) and reads more.</summary>
        [MethodImpl(Hot.Path)]
        private void Fill()
        {
            var pending = _end - _start;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            }
            else if (pending == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, bigger, 0, pending);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            _start = 0;
            _end = pending;
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read <= 0)
            {
                _eof = true;
                return;
            }

            _end += read;
        }
    }
}
