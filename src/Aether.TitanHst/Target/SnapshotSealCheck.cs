using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Target
{
    /// <summary>A seal and the MAC of the bytes read so far, compared once the whole file has been read.</summary>
    internal sealed class SnapshotSealCheck
    {
        internal const string Changed = "The snapshot does not match its seal: it was changed after it was written. Nothing was compared. Take the snapshot again (Update-TitanHstSnapshot -Full), and find out who changed the file.";

        private readonly SnapshotSeal _seal;
        private readonly Security.MacReadStream _stream;

        internal SnapshotSealCheck(SnapshotSeal seal, Security.MacReadStream stream)
        {
            _seal = seal;
            _stream = stream;
        }

        internal void Verify(string file)
        {
            if (!Security.Hex.SameAsWritten(_stream.Finish(), _seal.Mac) || _stream.BytesRead != _seal.Length)
            {
                throw new InputFileException(InputErrorIds.SnapshotSealMismatch, file, 0, string.Empty, Changed);
            }
        }
    }
}
