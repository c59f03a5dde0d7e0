using System;
using System.IO;
using System.Security.Cryptography;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// A write-only stream that passes every byte on to another stream and into an HMAC, so a file is sealed as it is
    /// written instead of being read back once more (a kept target snapshot holds a million lines).
    /// </summary>
    internal sealed class MacStream : Stream
    {
        private readonly Stream _inner;
        private readonly IncrementalHash _mac;

        internal MacStream(Stream inner, byte[] key)
        {
            _inner = inner;
            _mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        }

        /// <summary>Bytes written so far.</summary>
        internal long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        /// <summary>The HMAC of everything written, lower-case hex; call once, after the last write.</summary>
        internal string Finish() => Hex.Of(_mac.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            _mac.AppendData(buffer, offset, count);
            Written += count;
        }

        public override void WriteByte(byte value) => Write(new[] { value }, 0, 1);

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _mac.Dispose();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
