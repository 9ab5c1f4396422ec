using System.Threading.RateLimiting;

namespace GeneratedClients;

// The leases the limiter hands out: a shared granted lease, a single permit that restamps its log entry when disposed, and a refusal with its retry-after.
public sealed partial class SlidingLogRateLimiter
{
    private sealed class GrantedLease : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    /// <summary>A granted single permit: disposing it (when the request's answer is in) moves its log entry to that moment.</summary>
    private sealed class ReleasableLease(SlidingLogRateLimiter owner, long sequence) : RateLimitLease
    {
        private int _released;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Restamp(sequence);
            }

            base.Dispose(disposing);
        }
    }

    private sealed class RefusedLease(TimeSpan retryAfter) : RateLimitLease
    {
        private static readonly string[] Names = [MetadataName.RetryAfter.Name];

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => Names;

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
