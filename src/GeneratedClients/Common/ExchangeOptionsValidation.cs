namespace GeneratedClients.Common;

/// <summary>Checks of the settings both exchanges share; each failure names the setting, never a value.</summary>
internal static class ExchangeOptionsValidation
{
    public static List<string> Check(ExchangeClientOptions options, string section)
    {
        var failures = new List<string>();
        if (options.BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{section}:BaseAddress must be an absolute http or https address.");
        }

        Positive(options.Timeout, $"{section}:Timeout", failures);
        if (options.MaxResponseBytes <= 0)
        {
            failures.Add($"{section}:MaxResponseBytes must be positive.");
        }

        var retry = options.Retry ?? new ExchangeRetryOptions();
        if (retry.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{section}:Retry:MaxRetries must be between 0 and 10.");
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
        {
            failures.Add($"{section}:Retry:BaseDelay must not be negative and Retry:MaxDelay not below it.");
        }

        var limit = options.RateLimit ?? new ExchangeRateLimitOptions();
        if (limit.PermitLimit is <= 0)
        {
            failures.Add($"{section}:RateLimit:PermitLimit must be positive.");
        }

        if (limit.Window is TimeSpan window)
        {
            Positive(window, $"{section}:RateLimit:Window", failures);
        }

        if (limit.SafetyMargin < TimeSpan.Zero)
        {
            failures.Add($"{section}:RateLimit:SafetyMargin must not be negative.");
        }

        Positive((options.ClockSync ?? new ExchangeClockSyncOptions()).RefreshInterval, $"{section}:ClockSync:RefreshInterval", failures);
        return failures;
    }

    public static void Required(string? value, string setting, string what, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is missing: the {what}. Set it in configuration, user-secrets or the environment variable {setting.Replace(":", "__", StringComparison.Ordinal)}.");
        }
    }

    private static void Positive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{setting} must be positive.");
        }
    }
}
