using System;

namespace Aether.TitanHst.Client
{
    /// <summary>A TitanHST or token URI with user:password@ in it; refused without repeating either part.</summary>
    public sealed class CredentialsInUriException : ArgumentException
    {
        public CredentialsInUriException()
        {
        }

        public CredentialsInUriException(string message)
            : base(message)
        {
        }

        public CredentialsInUriException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public CredentialsInUriException(string message, string paramName)
            : base(message, paramName)
        {
        }
    }
}
