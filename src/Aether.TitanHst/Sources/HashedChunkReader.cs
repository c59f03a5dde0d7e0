using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// Hands out an export's bytes one chunk at a time, hashing every byte as it is read, so the hash is of exactly
    /// the bytes parsed and the file is never held whole. Holding it whole cost one large-object allocation the size
    /// of the file per read (about 100 MB per export of a million staff), each zeroed and each counting towards a
    /// full collection.
    /// </summary>
    /// <remarks>
    /// The hash exists only once the end was reached: a hash of a prefix, or of bytes read past the rows, would let a
    /// plan record a hash its changes did not come from, so <see cref="Hash"/> refuses before the end rather than
    /// reading ahead. Not thread-safe.
    /// </remarks>
    internal sealed class HashedChunkReader : IDisposable
    {
        /// <summary>Bytes per chunk: the same 64 KiB a StreamReader reads, so an invalid byte fails the same read.</summary>
        internal const int ChunkBytes = 1 << 16;

        private readonly Stream _stream;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        private int _count;
        private int _offset;
        private bool _started;
        private string? _finalHash;

        internal HashedChunkReader(Stream stream) => _stream = stream;

        /// <summary>Opens a file for reading chunk by chunk; writers are refused while it is open, as File.ReadAllBytes refused them.</summary>
        internal static HashedChunkReader Open(string path) =>
            new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan));

        /// <summary>The SHA-256 ("sha256:...") of every byte of the file, once the last chunk was handed out.</summary>
        internal string Hash => _finalHash ?? throw new InvalidOperationException("The hash of a file is known only once every byte of it was read.");

        /// <summary>The file's first bytes (up to <paramref name="count"/>), for its byte order mark; they are still handed out.</summary>
        internal ReadOnlySpan<byte> Head(int count)
        {
            if (!_started)
            {
                FillChunk();
            }

            return new ReadOnlySpan<byte>(_chunk, 0, Math.Min(count, _count));
        }

        /// <summary>Leaves out the next <paramref name="count"/> bytes of the first chunk (a byte order mark); they stay in the hash.</summary>
        internal void Skip(int count)
        {
            Head(count);
            _offset = Math.Min(_count, _offset + count);
        }

        /// <summary>The next bytes (a whole chunk unless the file ends), or an empty segment at the end of the file.</summary>
        [MethodImpl(Hot.Path)]
        internal ArraySegment<byte> Next()
        {
            if (!_started || _offset == _count)
            {
                FillChunk();
            }

            var next = new ArraySegment<byte>(_chunk, _offset, _count - _offset);
            _offset = _count;
            return next;
        }

        public void Dispose()
        {
            _stream.Dispose();
            _hash.Dispose();
            var chunk = _chunk;
            _chunk = Array.Empty<byte>();
            _count = _offset = 0;
            if (chunk.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        // A full chunk unless the file ends: a stream may return fewer bytes than asked before its end.
        [MethodImpl(Hot.Path)]
        private void FillChunk()
        {
            _started = true;
            _offset = 0;
            _count = 0;
            if (_finalHash is not null)
            {
                return;
            }

            int read;
            while (_count < ChunkBytes && (read = _stream.Read(_chunk, _count, ChunkBytes - _count)) > 0)
            {
                _count += read;
            }

            _hash.AppendData(_chunk, 0, _count);
            if (_count < ChunkBytes)
            {
                _finalHash = ContentHash.Prefix + ContentHash.Hex(_hash.GetHashAndReset());
            }
        }
    }
}
