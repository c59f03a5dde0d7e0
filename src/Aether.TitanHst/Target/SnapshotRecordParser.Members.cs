using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The record members <see cref="SnapshotRecordParser"/> knows, as bits (so a member given twice is seen), found
    /// by their name's bytes as written.
    /// </summary>
    internal sealed partial class SnapshotRecordParser
    {
        private const int MemberId = 1;
        private const int MemberExternalId = 2;
        private const int MemberActive = 4;
        private const int MemberVersion = 8;
        private const int MemberETag = 16;
        private const int MemberCreatedAt = 32;
        private const int MemberUpdatedAt = 64;
        private const int MemberFields = 128;
        private const int MemberKind = 256;

        private static readonly (byte[] Name, int Member)[] Members =
        {
            (Encoding.UTF8.GetBytes(SnapshotNames.Id), MemberId),
            (Encoding.UTF8.GetBytes(SnapshotNames.ExternalId), MemberExternalId),
            (Encoding.UTF8.GetBytes(SnapshotNames.Active), MemberActive),
            (Encoding.UTF8.GetBytes(SnapshotNames.Version), MemberVersion),
            (Encoding.UTF8.GetBytes(SnapshotNames.ETag), MemberETag),
            (Encoding.UTF8.GetBytes(SnapshotNames.CreatedAt), MemberCreatedAt),
            (Encoding.UTF8.GetBytes(SnapshotNames.UpdatedAt), MemberUpdatedAt),
            (Encoding.UTF8.GetBytes(SnapshotNames.Fields), MemberFields),
            (Encoding.UTF8.GetBytes(SnapshotNames.Kind), MemberKind),
        };

        [MethodImpl(Hot.Path)]
        private static int Member(ReadOnlySpan<byte> name)
        {
            foreach (var (bytes, member) in Members)
            {
                if (name.SequenceEqual(bytes))
                {
                    return member;
                }
            }

            return 0;
        }
    }
}
