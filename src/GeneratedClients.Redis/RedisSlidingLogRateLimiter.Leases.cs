using System.Threading.RateLimiting;

namespace GeneratedClients.Redis;

// The leases the limiter hands out: a grant in the shared log, a grant of the local fallback passed through, the shared lease of a zero count, and a refusal with its retry-after.
public sealed partial class RedisSlidingLogRateLimiter
{
    private RateLimitLease Granted(string member, int permitCount)
    {
        Interlocked.Increment(ref _successfulLeases);
        if (permitCount == 0)
        {
            return NothingHeld;
        }

        Interlocked.Increment(ref _active);
        return new RedisLease(this, member, permitCount);
    }

    private RateLimitLease Served(RateLimitLease fallbackLease)
    {
        if (!fallbackLease.IsAcquired)
        {
            Interlocked.Increment(ref _failedLeases);
            return fallbackLease;
        }

        Interlocked.Increment(ref _successfulLeases);
        Interlocked.Increment(ref _active);
        return new FallbackLease(this, fallbackLease);
    }

    private RefusedLease Refused(long waitMicroseconds)
    {
        Interlocked.Increment(ref _failedLeases);
        return new RefusedLease(TimeSpan.FromTicks(Math.Max(0, waitMicroseconds) * 10));
    }

    /// <summary>A grant in the shared log: disposing it (when the request's answer is in) restamps its entries to Redis's now.</summary>
    private sealed class RedisLease(RedisSlidingLogRateLimiter owner, string member, int permitCount) : RateLimitLease
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
                owner.Release(member, permitCount);
                owner.Deactivate();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A grant of the local fallback limiter, passed through.</summary>
    private sealed class FallbackLease(RedisSlidingLogRateLimiter owner, RateLimitLease inner) : RateLimitLease
    {
        private int _released;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => inner.MetadataNames;

        public override bool TryGetMetadata(string metadataName, out object? metadata) => inner.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _released, 1) == 0)
            {
                inner.Dispose();
                owner.Deactivate();
            }

            base.Dispose(disposing);
        }
    }

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
