namespace Aether.TitanHst.Approvals
{
    /// <summary>How an approval is authenticated.</summary>
    public enum ApprovalMethod
    {
        /// <summary>A MAC under this installation's key: proves it was made on a machine holding the key, by the account named.</summary>
        InstallationKey,

        /// <summary>A detached CMS/PKCS#7 signature: proves the holder of the certificate's private key approved this plan hash.</summary>
        Certificate,
    }
}
