using Microsoft.Extensions.Options;

namespace GeneratedClients;

/// <summary>
/// The options check every exchange's validator runs (at start-up with <c>ValidateOnStart</c>, and in the options
/// constructor): the settings every exchange shares, then the exchange's own. Each failure names the setting, never a value.
/// </summary>
internal static class ExchangeOptionsChecks
{
    public static ValidateOptionsResult Validate(ExchangeClientOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = CheckShared(options, section);
        options.CheckExchangeSettings(new OptionFailures(section, failures));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static List<string> CheckShared(ExchangeClientOptions options, string section)
    {
        var failures = new List<string>();
        if (options.BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{section}:BaseAddress must be an absolute http or https address.");
        }

        Bounded(options.Timeout, $"{section}:Timeout", failures);
        if (options.MaxResponseBytes <= 0)
        {
            failures.Add($"{section}:MaxResponseBytes must be positive.");
        }

        if (options.Retry is null || options.RateLimit is null || options.ClockSync is null)
        {
            failures.Add($"{section}:Retry, {section}:RateLimit and {section}:ClockSync must not be null (leave them out for the defaults).");
            return failures;
        }

        var retry = options.Retry;
        if (retry.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{section}:Retry:MaxRetries must be between 0 and 10.");
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay || retry.MaxDelay > MaxSpan)
        {
            failures.Add($"{section}:Retry:BaseDelay must not be negative, Retry:MaxDelay not below it nor above one day.");
        }

        var limit = options.RateLimit;
        if (limit.PermitLimit is <= 0)
        {
            failures.Add($"{section}:RateLimit:PermitLimit must be positive.");
        }

        if (limit.Window is TimeSpan window)
        {
            Bounded(window, $"{section}:RateLimit:Window", failures);
        }

        if (limit.SafetyMargin < TimeSpan.Zero || limit.SafetyMargin > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{section}:RateLimit:SafetyMargin must be between 0 and one minute.");
        }

        Bounded(options.ClockSync.RefreshInterval, $"{section}:ClockSync:RefreshInterval", failures);
        return failures;
    }

    /// <summary>The longest time span any setting may hold (timers and the retry library refuse longer ones).</summary>
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(1);

    private static void Bounded(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero || value > MaxSpan)
        {
            failures.Add($"{setting} must be positive and at most one day.");
        }
    }
}
