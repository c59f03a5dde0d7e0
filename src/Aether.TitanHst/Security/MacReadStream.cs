using System;
using System.IO;
using System.Security.Cryptography;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// A read-only stream that passes on every byte read from another stream and puts it into an HMAC, so a sealed
    /// file is verified over exactly the bytes that are parsed, in the same pass: no second read, and no moment
    /// between a check and a read in which the file could be swapped.
    /// </summary>
    internal sealed class MacReadStream : Stream
    {
        private readonly Stream _inner;
        private readonly IncrementalHash _mac;

        internal MacReadStream(Stream inner, byte[] key)
        {
            _inner = inner;
            _mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        }

        /// <summary>Bytes read so far.</summary>
        internal long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        /// <summary>The HMAC of everything read, lower-case hex; call once, after the last read.</summary>
        internal string Finish() => Hex.Of(_mac.GetHashAndReset());

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = _inner.Read(buffer, offset, count);
            _mac.AppendData(buffer, offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _mac.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
