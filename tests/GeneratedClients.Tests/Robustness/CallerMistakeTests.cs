using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace GeneratedClients.Tests.Robustness;

/// <summary>
/// Every public constructor and method of the library, given every bad argument a caller can pass: each is
/// refused with a clear exception naming the parameter (ArgumentNullException, ArgumentOutOfRangeException,
/// ArgumentException; OptionsValidationException naming the setting for options), before any request is sent.
/// A reflection test makes sure no public member with parameters is forgotten.
/// </summary>
public class CallerMistakeTests(ITestOutputHelper output)
{
    private const string BitgetCtorPlain = "BitgetClient..ctor(HttpClient, BitgetCredentials, TimeProvider)";
    private const string BitgetCtorOptions = "BitgetClient..ctor(HttpClient, BitgetClientOptions, TimeProvider, ILogger<BitgetClient>)";
    private const string HtxCtorPlain = "HtxClient..ctor(HttpClient, HtxCredentials, TimeProvider)";
    private const string HtxCtorOptions = "HtxClient..ctor(HttpClient, HtxClientOptions, TimeProvider, ILogger<HtxClient>)";
    private const string BitgetAssets = "BitgetClient.GetSubAccountAssetsAsync(BitgetProductType, CancellationToken)";
    private const string BitgetAccounts = "BitgetClient.GetAccountsAsync(BitgetProductType, CancellationToken)";
    private const string HtxOne = "HtxClient.GetCrossSubAccountInfoAsync(Int64, String, CancellationToken)";
    private const string HtxSweep = "HtxClient.GetCrossSubAccountInfoAsync(IEnumerable<Int64>, String, IProgress<HtxSweepProgress>, CancellationToken)";

    private static readonly string[] ExceptionTypes =
    [
        nameof(ExchangeApiException), nameof(ExchangeAuthenticationException), nameof(ExchangeTimestampException), nameof(ExchangePermissionException),
        nameof(ExchangeRateLimitException), nameof(ExchangeServerException), nameof(ExchangeResponseException), nameof(ExchangeNetworkException),
    ];

    /// <summary>Members whose every argument value is valid, with the reason. Members without parameters and compiler-generated record members (Equals, Deconstruct, ==, !=) are exempt by rule.</summary>
    private static readonly Dictionary<string, string> NoBadArgument = BuildNoBadArgument();

    private static readonly Dictionary<string, Mistake> Mistakes = BuildMistakes().ToDictionary(m => m.Key);

    public static TheoryData<string> MistakeKeys => [.. Mistakes.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_public_member_with_parameters_has_its_bad_arguments_listed()
    {
        var surface = PublicSurface().ToList();
        var covered = Mistakes.Values.Select(m => m.Member).Concat(NoBadArgument.Keys).ToHashSet(StringComparer.Ordinal);
        var uncovered = surface.Where(member => !covered.Contains(member)).ToList();
        var stale = covered.Where(member => !surface.Contains(member)).ToList();

        output.WriteLine($"{surface.Count} public constructors and methods with parameters; {Mistakes.Count} bad-argument cases over {Mistakes.Values.Select(m => m.Member).Distinct().Count()} of them; {NoBadArgument.Count} take any value");
        RobustnessFigures.Record("callerMistakes", new Dictionary<string, object?>
        {
            ["publicMembersWithParameters"] = surface.Count,
            ["membersWithBadArgumentCases"] = Mistakes.Values.Select(m => m.Member).Distinct().Count(),
            ["membersThatTakeAnyValue"] = NoBadArgument.Count,
            ["badArgumentCases"] = Mistakes.Count,
        });
        Assert.True(uncovered.Count == 0, "Public members with no bad-argument cases (add them to BuildMistakes, or to NoBadArgument with the reason):\n  " + string.Join("\n  ", uncovered));
        Assert.True(stale.Count == 0, "Cases for members that no longer exist (update their signature):\n  " + string.Join("\n  ", stale));
    }

    [Theory]
    [MemberData(nameof(MistakeKeys))]
    public async Task A_bad_argument_is_refused_before_any_request_naming_the_parameter(string key)
    {
        var mistake = Mistakes[key];
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
        var context = new MistakeContext(new HttpClient(handler) { BaseAddress = new Uri("https://api.example.test/") });

        var error = await Record.ExceptionAsync(() => mistake.Act(context));

        Assert.True(error is not null, $"{key}: accepted");
        Assert.True(error.GetType() == mistake.Expected, $"{key}: expected {mistake.Expected.Name}, got {error.GetType().FullName}: {error.Message}");
        if (mistake.Names is not null)
        {
            var named = error is ArgumentException argument ? argument.ParamName : error.Message;
            Assert.True(
                error is ArgumentException ? named == mistake.Names : named?.Contains(mistake.Names, StringComparison.Ordinal) == true,
                $"{key}: expected the error to name '{mistake.Names}'; it names '{named}'");
        }

        Assert.Equal(0, handler.Requests);
        Fakes.AssertNoSecret(error);
    }

    /// <summary>Public constructors and methods with parameters, as "Type.Member(ParameterTypes)".</summary>
    private static IEnumerable<string> PublicSurface()
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        // Delegate types are left out: their members are the runtime's (Invoke calls the caller's own code).
        foreach (var type in typeof(BitgetClient).Assembly.GetExportedTypes().Where(t => !t.IsSubclassOf(typeof(Delegate))).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var members = type.GetConstructors(Declared).Cast<MethodBase>().Concat(type.GetMethods(Declared));
            foreach (var member in members)
            {
                if (member.GetParameters().Length == 0 || member.IsDefined(typeof(CompilerGeneratedAttribute)))
                {
                    continue;
                }

                // Property setters count only where they validate (the clients' init-only settings); the models' and
                // options' setters take any value (options are validated as a whole: see the options constructor cases).
                var accessor = member.IsSpecialName && member.Name.StartsWith("set_", StringComparison.Ordinal);
                if (accessor && type != typeof(BitgetClient) && type != typeof(HtxClient))
                {
                    continue;
                }

                yield return Signature(member);
            }
        }
    }

    private static string Signature(MethodBase member) =>
        $"{TypeName(member.DeclaringType!)}.{member.Name}({string.Join(", ", member.GetParameters().Select(p => TypeName(p.ParameterType)))})";

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }

    private static Dictionary<string, string> BuildNoBadArgument()
    {
        var none = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ExchangeRateLimit..ctor(Int32, TimeSpan)"] = "a record struct (default is constructible too); CreateLimiter refuses the values a limiter cannot use",
            ["HtxSigner.FormatTimestamp(DateTimeOffset)"] = "every DateTimeOffset formats",
            ["SubAccountBalance..ctor(String, String, String, Decimal?, Decimal?, Decimal?, Decimal?, Decimal?)"] = "a data record: every value, null included, is a row as given",
            ["WireDeviation..ctor(String, WireDeviationKind)"] = "a data record: what the reader met, as given",
            ["WireDeviationSummary..ctor(String, WireDeviationKind, Int32)"] = "a data record: a count of deviations, as given",
            ["HtxSubAccountOutcome..ctor(Int64, HtxCrossSubAccountInfoResult, ExchangeApiException)"] = "a data record",
            ["HtxSweepProgress..ctor(Int32, Int32, Int32, HtxSubAccountOutcome)"] = "a data record",
        };
        foreach (var type in ExceptionTypes)
        {
            none[$"{type}..ctor(String)"] = "the standard exception constructor: any message, null included";
            none[$"{type}..ctor(String, Exception)"] = "the standard exception constructor: any message and cause, null included";
        }

        return none;
    }

    private static IEnumerable<Mistake> BuildMistakes()
    {
        // The clients' constructors.
        yield return new(BitgetCtorPlain, "httpClient null", _ => Task.FromResult(new BitgetClient(null!, Fakes.Bitget())), typeof(ArgumentNullException), "httpClient");
        yield return new(BitgetCtorPlain, "credentials null", c => Task.FromResult(new BitgetClient(c.Http, (BitgetCredentials)null!)), typeof(ArgumentNullException), "credentials");
        yield return new(HtxCtorPlain, "httpClient null", _ => Task.FromResult(new HtxClient(null!, Fakes.Htx())), typeof(ArgumentNullException), "httpClient");
        yield return new(HtxCtorPlain, "credentials null", c => Task.FromResult(new HtxClient(c.Http, (HtxCredentials)null!)), typeof(ArgumentNullException), "credentials");
        yield return new(BitgetCtorOptions, "httpClient null", _ => Task.FromResult(new BitgetClient(null!, BitgetOptions())), typeof(ArgumentNullException), "httpClient");
        yield return new(BitgetCtorOptions, "options null", c => Task.FromResult(new BitgetClient(c.Http, (BitgetClientOptions)null!)), typeof(ArgumentNullException), "options");
        yield return new(HtxCtorOptions, "httpClient null", _ => Task.FromResult(new HtxClient(null!, HtxOptions())), typeof(ArgumentNullException), "httpClient");
        yield return new(HtxCtorOptions, "options null", c => Task.FromResult(new HtxClient(c.Http, (HtxClientOptions)null!)), typeof(ArgumentNullException), "options");

        // Bad options: each refused with an OptionsValidationException naming the setting (never its value).
        // The call follows the constructor, so that a setting the constructor lets through shows what it then does.
        foreach (var (setting, named, change) in BadSharedSettings())
        {
            yield return new(BitgetCtorOptions, "options with " + setting, c => new BitgetClient(c.Http, BitgetOptions(o => change(o))).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures), typeof(OptionsValidationException), named.StartsWith("Retry:MaxDelay", StringComparison.Ordinal) ? named : "Bitget:" + named);
            yield return new(HtxCtorOptions, "options with " + setting, c => new HtxClient(c.Http, HtxOptions(o => change(o))).GetCrossSubAccountInfoAsync(1, "USDT"), typeof(OptionsValidationException), named.StartsWith("Retry:MaxDelay", StringComparison.Ordinal) ? named : "Htx:" + named);
        }

        yield return new(BitgetCtorOptions, "options with ApiKey null", c => Task.FromResult(new BitgetClient(c.Http, BitgetOptions(o => o.ApiKey = null))), typeof(OptionsValidationException), "Bitget:ApiKey");
        yield return new(BitgetCtorOptions, "options with ApiSecret blank", c => Task.FromResult(new BitgetClient(c.Http, BitgetOptions(o => o.ApiSecret = "  "))), typeof(OptionsValidationException), "Bitget:ApiSecret");
        yield return new(BitgetCtorOptions, "options with Passphrase empty", c => Task.FromResult(new BitgetClient(c.Http, BitgetOptions(o => o.Passphrase = ""))), typeof(OptionsValidationException), "Bitget:Passphrase");
        yield return new(BitgetCtorOptions, "options with Locale blank", c => Task.FromResult(new BitgetClient(c.Http, BitgetOptions(o => o.Locale = " "))), typeof(OptionsValidationException), "Bitget:Locale");
        yield return new(BitgetCtorOptions, "options with Environment undefined", c => Task.FromResult(new BitgetClient(c.Http, BitgetOptions(o => o.Environment = (BitgetEnvironment)7))), typeof(OptionsValidationException), "Bitget:Environment");
        yield return new(HtxCtorOptions, "options with AccessKey null", c => Task.FromResult(new HtxClient(c.Http, HtxOptions(o => o.AccessKey = null))), typeof(OptionsValidationException), "Htx:AccessKey");
        yield return new(HtxCtorOptions, "options with SecretKey blank", c => Task.FromResult(new HtxClient(c.Http, HtxOptions(o => o.SecretKey = "\t"))), typeof(OptionsValidationException), "Htx:SecretKey");
        yield return new(HtxCtorOptions, "options with Host undefined", c => Task.FromResult(new HtxClient(c.Http, HtxOptions(o => o.Host = (HtxHost)9))), typeof(OptionsValidationException), "Htx:Host");
        yield return new(HtxCtorOptions, "options with SweepConcurrency 0", c => Task.FromResult(new HtxClient(c.Http, HtxOptions(o => o.SweepConcurrency = 0))), typeof(OptionsValidationException), "Htx:SweepConcurrency");
        yield return new(HtxCtorOptions, "options with SweepConcurrency 257", c => Task.FromResult(new HtxClient(c.Http, HtxOptions(o => o.SweepConcurrency = 257))), typeof(OptionsValidationException), "Htx:SweepConcurrency");

        // The clients' init-only settings.
        yield return new("BitgetClient.set_Locale(String)", "empty", c => Task.FromResult(new BitgetClient(c.Http, Fakes.Bitget()) { Locale = "" }), typeof(ArgumentException), "value");
        yield return new("BitgetClient.set_Locale(String)", "null", c => Task.FromResult(new BitgetClient(c.Http, Fakes.Bitget()) { Locale = null! }), typeof(ArgumentException), "value");
        yield return new("BitgetClient.set_MaxResponseBytes(Int64)", "0", c => Task.FromResult(new BitgetClient(c.Http, Fakes.Bitget()) { MaxResponseBytes = 0 }), typeof(ArgumentOutOfRangeException), "value");
        yield return new("BitgetClient.set_MaxResponseBytes(Int64)", "-1", c => Task.FromResult(new BitgetClient(c.Http, Fakes.Bitget()) { MaxResponseBytes = -1 }), typeof(ArgumentOutOfRangeException), "value");
        yield return new("HtxClient.set_MaxResponseBytes(Int64)", "0", c => Task.FromResult(new HtxClient(c.Http, Fakes.Htx()) { MaxResponseBytes = 0 }), typeof(ArgumentOutOfRangeException), "value");
        yield return new("HtxClient.set_SweepConcurrency(Int32)", "0", c => Task.FromResult(new HtxClient(c.Http, Fakes.Htx()) { SweepConcurrency = 0 }), typeof(ArgumentOutOfRangeException), "value");
        yield return new("HtxClient.set_SweepConcurrency(Int32)", "257", c => Task.FromResult(new HtxClient(c.Http, Fakes.Htx()) { SweepConcurrency = 257 }), typeof(ArgumentOutOfRangeException), "value");

        // The calls.
        yield return new(BitgetAssets, "productType undefined (99)", c => new BitgetClient(c.Http, Fakes.Bitget()).GetSubAccountAssetsAsync((BitgetProductType)99), typeof(ArgumentOutOfRangeException), "productType");
        yield return new(BitgetAssets, "productType undefined (-1)", c => new BitgetClient(c.Http, Fakes.Bitget()).GetSubAccountAssetsAsync((BitgetProductType)(-1)), typeof(ArgumentOutOfRangeException), "productType");
        yield return new(BitgetAssets, "a demo productType on production options", c => new BitgetClient(c.Http, BitgetOptions()).GetSubAccountAssetsAsync(BitgetProductType.UsdtFuturesDemo), typeof(ArgumentException), "productType");
        yield return new(BitgetAccounts, "productType undefined (99)", c => new BitgetClient(c.Http, Fakes.Bitget()).GetAccountsAsync((BitgetProductType)99), typeof(ArgumentOutOfRangeException), "productType");
        yield return new(BitgetAccounts, "a demo productType on production options", c => new BitgetClient(c.Http, BitgetOptions()).GetAccountsAsync(BitgetProductType.CoinFuturesDemo), typeof(ArgumentException), "productType");
        yield return new(BitgetAssets, "a production productType on demo options", c => new BitgetClient(c.Http, BitgetOptions(o => o.Environment = BitgetEnvironment.DemoTrading)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures), typeof(ArgumentException), "productType");
        foreach (var uid in new[] { 0L, -1L, long.MinValue })
        {
            yield return new(HtxOne, $"subUid {uid}", c => new HtxClient(c.Http, Fakes.Htx()).GetCrossSubAccountInfoAsync(uid, "USDT"), typeof(ArgumentOutOfRangeException), "subUid");
        }

        foreach (var blank in new[] { "", " ", "\t\n" })
        {
            yield return new(HtxOne, $"marginAccount '{blank.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}'", c => new HtxClient(c.Http, Fakes.Htx()).GetCrossSubAccountInfoAsync(1, blank), typeof(ArgumentException), "marginAccount");
            yield return new(HtxSweep, $"marginAccount '{blank.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}'", c => new HtxClient(c.Http, Fakes.Htx()).GetCrossSubAccountInfoAsync([1, 2], blank), typeof(ArgumentException), "marginAccount");
        }

        yield return new(HtxSweep, "subUids null", c => new HtxClient(c.Http, Fakes.Htx()).GetCrossSubAccountInfoAsync((IEnumerable<long>)null!), typeof(ArgumentNullException), "subUids");
        yield return new(HtxSweep, "subUids with 0 after valid ones", c => new HtxClient(c.Http, Fakes.Htx()).GetCrossSubAccountInfoAsync([1, 2, 0]), typeof(ArgumentOutOfRangeException), "subUids");
        yield return new(HtxSweep, "subUids with a negative UID", c => new HtxClient(c.Http, Fakes.Htx()).GetCrossSubAccountInfoAsync([-7]), typeof(ArgumentOutOfRangeException), "subUids");

        // Validators.
        yield return new("BitgetClientOptionsValidator.Validate(String, BitgetClientOptions)", "options null", _ => Task.FromResult(new BitgetClientOptionsValidator().Validate(null, null!)), typeof(ArgumentNullException), "options");
        yield return new("HtxClientOptionsValidator.Validate(String, HtxClientOptions)", "options null", _ => Task.FromResult(new HtxClientOptionsValidator().Validate(null, null!)), typeof(ArgumentNullException), "options");

        // Credentials.
        foreach (var (parameter, index) in new[] { ("apiKey", 0), ("secret", 1), ("passphrase", 2) })
        {
            yield return new("BitgetCredentials..ctor(String, String, String)", parameter + " null", _ => Task.FromResult(BitgetCredentialsWith(index, null)), typeof(ArgumentNullException), parameter);
            yield return new("BitgetCredentials..ctor(String, String, String)", parameter + " empty", _ => Task.FromResult(BitgetCredentialsWith(index, "")), typeof(ArgumentException), parameter);
            yield return new("BitgetCredentials..ctor(String, String, String)", parameter + " whitespace", _ => Task.FromResult(BitgetCredentialsWith(index, " \t")), typeof(ArgumentException), parameter);
        }

        yield return new("HtxCredentials..ctor(String, String)", "accessKey null", _ => Task.FromResult(new HtxCredentials(null!, "s")), typeof(ArgumentNullException), "accessKey");
        yield return new("HtxCredentials..ctor(String, String)", "accessKey whitespace", _ => Task.FromResult(new HtxCredentials(" ", "s")), typeof(ArgumentException), "accessKey");
        yield return new("HtxCredentials..ctor(String, String)", "secretKey null", _ => Task.FromResult(new HtxCredentials("k", null!)), typeof(ArgumentNullException), "secretKey");
        yield return new("HtxCredentials..ctor(String, String)", "secretKey empty", _ => Task.FromResult(new HtxCredentials("k", "")), typeof(ArgumentException), "secretKey");

        // Signers.
        const string Prehash = "BitgetSigner.BuildPrehash(Int64, String, String, String, String)";
        const string BitgetSign = "BitgetSigner.ComputeSignature(BitgetCredentials, Int64, String, String, String, String)";
        yield return new(Prehash, "method null", _ => Task.FromResult(BitgetSigner.BuildPrehash(1, null!, "/p", null, null)), typeof(ArgumentNullException), "method");
        yield return new(Prehash, "method blank", _ => Task.FromResult(BitgetSigner.BuildPrehash(1, " ", "/p", null, null)), typeof(ArgumentException), "method");
        yield return new(Prehash, "requestPath null", _ => Task.FromResult(BitgetSigner.BuildPrehash(1, "GET", null!, null, null)), typeof(ArgumentNullException), "requestPath");
        yield return new(Prehash, "requestPath empty", _ => Task.FromResult(BitgetSigner.BuildPrehash(1, "GET", "", null, null)), typeof(ArgumentException), "requestPath");
        yield return new(BitgetSign, "credentials null", _ => Task.FromResult(BitgetSigner.ComputeSignature(null!, 1, "GET", "/p", null, null)), typeof(ArgumentNullException), "credentials");
        yield return new(BitgetSign, "method null", _ => Task.FromResult(BitgetSigner.ComputeSignature(Fakes.Bitget(), 1, null!, "/p", null, null)), typeof(ArgumentNullException), "method");
        yield return new(BitgetSign, "requestPath blank", _ => Task.FromResult(BitgetSigner.ComputeSignature(Fakes.Bitget(), 1, "GET", "  ", null, null)), typeof(ArgumentException), "requestPath");

        const string Payload = "HtxSigner.BuildPayload(String, String, String, String)";
        yield return new(Payload, "method null", _ => Task.FromResult(HtxSigner.BuildPayload(null!, "h", "/p", "")), typeof(ArgumentNullException), "method");
        yield return new(Payload, "host blank", _ => Task.FromResult(HtxSigner.BuildPayload("POST", " ", "/p", "")), typeof(ArgumentException), "host");
        yield return new(Payload, "path empty", _ => Task.FromResult(HtxSigner.BuildPayload("POST", "h", "", "")), typeof(ArgumentException), "path");
        yield return new(Payload, "sortedEncodedQuery null", _ => Task.FromResult(HtxSigner.BuildPayload("POST", "h", "/p", null!)), typeof(ArgumentNullException), "sortedEncodedQuery");
        const string HtxSign = "HtxSigner.ComputeSignature(HtxCredentials, String)";
        yield return new(HtxSign, "credentials null", _ => Task.FromResult(HtxSigner.ComputeSignature(null!, "p")), typeof(ArgumentNullException), "credentials");
        yield return new(HtxSign, "payload null", _ => Task.FromResult(HtxSigner.ComputeSignature(Fakes.Htx(), null!)), typeof(ArgumentNullException), "payload");
        const string SignedQuery = "HtxSigner.BuildSignedQuery(HtxCredentials, String, String, String, DateTimeOffset, IEnumerable<KeyValuePair<String, String>>)";
        yield return new(SignedQuery, "credentials null", _ => Task.FromResult(HtxSigner.BuildSignedQuery(null!, "POST", "h", "/p", Fakes.HtxTime)), typeof(ArgumentNullException), "credentials");
        yield return new(SignedQuery, "method null", _ => Task.FromResult(HtxSigner.BuildSignedQuery(Fakes.Htx(), null!, "h", "/p", Fakes.HtxTime)), typeof(ArgumentNullException), "method");
        yield return new(SignedQuery, "host blank", _ => Task.FromResult(HtxSigner.BuildSignedQuery(Fakes.Htx(), "POST", "", "/p", Fakes.HtxTime)), typeof(ArgumentException), "host");
        yield return new(SignedQuery, "path null", _ => Task.FromResult(HtxSigner.BuildSignedQuery(Fakes.Htx(), "POST", "h", null!, Fakes.HtxTime)), typeof(ArgumentNullException), "path");
        yield return new(SignedQuery, "a parameter with a null name", _ => Task.FromResult(HtxSigner.BuildSignedQuery(Fakes.Htx(), "POST", "h", "/p", Fakes.HtxTime, [new(null!, "v")])), typeof(ArgumentException), "parameters");
        yield return new(SignedQuery, "a parameter with a null value", _ => Task.FromResult(HtxSigner.BuildSignedQuery(Fakes.Htx(), "POST", "h", "/p", Fakes.HtxTime, [new("k", null!)])), typeof(ArgumentException), "parameters");

        // Errors.
        yield return new("ExchangeApiException.Create(ExchangeErrorDetails, Exception)", "details null", _ => Task.FromResult(ExchangeApiException.Create(null!)), typeof(ArgumentNullException), "details");
        foreach (var type in ExceptionTypes)
        {
            var exceptionType = typeof(ExchangeApiException).Assembly.GetType("GeneratedClients." + type)!;
            yield return new($"{type}..ctor(ExchangeErrorDetails, Exception)", "details null", _ => Task.FromResult(Construct(exceptionType, null, null)), typeof(ArgumentNullException), "details");
        }

        // Rate limiting.
        const string Limiter = "SlidingLogRateLimiter..ctor(Int32, TimeSpan, TimeProvider, TimeSpan, Int32)";
        yield return new(Limiter, "permitLimit 0", _ => Task.FromResult(new SlidingLogRateLimiter(0, TimeSpan.FromSeconds(1))), typeof(ArgumentOutOfRangeException), "permitLimit");
        yield return new(Limiter, "window 0", _ => Task.FromResult(new SlidingLogRateLimiter(1, TimeSpan.Zero)), typeof(ArgumentOutOfRangeException), "window");
        yield return new(Limiter, "window negative", _ => Task.FromResult(new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(-1))), typeof(ArgumentOutOfRangeException), "window");
        yield return new(Limiter, "safetyMargin negative", _ => Task.FromResult(new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), null, TimeSpan.FromTicks(-1))), typeof(ArgumentOutOfRangeException), "safetyMargin");
        yield return new(Limiter, "window + safetyMargin overflows", _ => Task.FromResult(new SlidingLogRateLimiter(1, TimeSpan.MaxValue, null, TimeSpan.FromSeconds(1))), typeof(ArgumentOutOfRangeException), "safetyMargin");
        yield return new(Limiter, "queueLimit negative", _ => Task.FromResult(new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), null, TimeSpan.Zero, -1)), typeof(ArgumentOutOfRangeException), "queueLimit");
        yield return new(Limiter, "a timeProvider whose TimestampFrequency is 0", _ => Task.FromResult(new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), new FrozenClock())), typeof(ArgumentOutOfRangeException), "timeProvider");
        const string Create = "ExchangeRateLimit.CreateLimiter(TimeProvider, TimeSpan, Int32)";
        yield return new(Create, "a limit of 0 permits", _ => Task.FromResult(new ExchangeRateLimit(0, TimeSpan.FromSeconds(1)).CreateLimiter()), typeof(ArgumentOutOfRangeException), "permitLimit");
        yield return new(Create, "the default (zero) limit", _ => Task.FromResult(default(ExchangeRateLimit).CreateLimiter()), typeof(ArgumentOutOfRangeException), "permitLimit");
        yield return new(Create, "safetyMargin negative", _ => Task.FromResult(ExchangeRateLimits.HtxRead.CreateLimiter(null, TimeSpan.FromSeconds(-1))), typeof(ArgumentOutOfRangeException), "safetyMargin");
        yield return new(Create, "queueLimit negative", _ => Task.FromResult(ExchangeRateLimits.HtxRead.CreateLimiter(null, default, -5)), typeof(ArgumentOutOfRangeException), "queueLimit");

        // Results and the unified view.
        yield return new("ExchangeResult<TItem>.get_Item(Int32)", "index -1 (after the call)", async c => _ = (await HtxResult(c))[-1], typeof(ArgumentOutOfRangeException), "index");
        yield return new("ExchangeResult<TItem>.get_Item(Int32)", "index Count (after the call)", async c => _ = (await HtxResult(c))[1], typeof(ArgumentOutOfRangeException), "index");
        yield return new("HtxSweepCanceledException..ctor(IReadOnlyList<HtxSubAccountOutcome>, IReadOnlyList<Int64>, Exception, CancellationToken)", "completed outcomes null", _ => Task.FromResult(new HtxSweepCanceledException(null!, [], null, default)), typeof(ArgumentNullException), "completedOutcomes");
        yield return new("HtxSweepCanceledException..ctor(IReadOnlyList<HtxSubAccountOutcome>, IReadOnlyList<Int64>, Exception, CancellationToken)", "canceled sub-accounts null", _ => Task.FromResult(new HtxSweepCanceledException([], null!, null, default)), typeof(ArgumentNullException), "canceledSubUids");
        const string Registry = "RateLimiterRegistry.GetOrAdd(String, String, Func<RateLimiter>)";
        yield return new(Registry, "exchange null", _ => Task.FromResult(new RateLimiterRegistry().GetOrAdd(null!, "key", () => new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1)))), typeof(ArgumentNullException), "exchange");
        yield return new(Registry, "exchange empty", _ => Task.FromResult(new RateLimiterRegistry().GetOrAdd("", "key", () => new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1)))), typeof(ArgumentException), "exchange");
        yield return new(Registry, "credentialKey null", _ => Task.FromResult(new RateLimiterRegistry().GetOrAdd("htx", null!, () => new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1)))), typeof(ArgumentNullException), "credentialKey");
        yield return new(Registry, "create null", _ => Task.FromResult(new RateLimiterRegistry().GetOrAdd("htx", "key", null!)), typeof(ArgumentNullException), "create");
        yield return new(Registry, "create returning null", _ => Task.FromResult(new RateLimiterRegistry().GetOrAdd("htx", "key", () => null!)), typeof(InvalidOperationException), null);
        yield return new("WireDeviation.Summarize(IEnumerable<WireDeviation>)", "deviations null", _ => Task.FromResult(WireDeviation.Summarize(null!)), typeof(ArgumentNullException), "deviations");
        yield return new("SubAccountBalance.From(BitgetSubAccountAssetsResult)", "result null", _ => Task.FromResult(SubAccountBalance.From((BitgetSubAccountAssetsResult)null!)), typeof(ArgumentNullException), "result");
        yield return new("SubAccountBalance.From(BitgetAccountsResult, Int64?)", "result null", _ => Task.FromResult(SubAccountBalance.From((BitgetAccountsResult)null!, 1)), typeof(ArgumentNullException), "result");
        yield return new("SubAccountBalance.From(BitgetAccountsResult, Int64?)", "mainAccountUserId 0", _ => Task.FromResult(SubAccountBalance.From(new BitgetAccountsResult(new BitgetAccountsResponse(), [], BitgetProductType.UsdtFutures, []), 0)), typeof(ArgumentOutOfRangeException), "mainAccountUserId");
        yield return new("SubAccountBalance.From(HtxCrossSubAccountInfoResult)", "result null", _ => Task.FromResult(SubAccountBalance.From((HtxCrossSubAccountInfoResult)null!)), typeof(ArgumentNullException), "result");
        yield return new("SubAccountBalance.From(IEnumerable<HtxSubAccountOutcome>)", "outcomes null", _ => Task.FromResult(SubAccountBalance.From((IEnumerable<HtxSubAccountOutcome>)null!)), typeof(ArgumentNullException), "outcomes");
        yield return new("SubAccountBalance.From(IEnumerable<HtxSubAccountOutcome>)", "outcomes with a null entry", _ => Task.FromResult(SubAccountBalance.From(new HtxSubAccountOutcome[] { new(1, null, null), null! })), typeof(ArgumentException), "outcomes");

        // Dependency injection.
        const string AddBitgetAction = "GeneratedClientsServiceCollectionExtensions.AddBitgetClient(IServiceCollection, Action<BitgetClientOptions>)";
        const string AddBitgetConfiguration = "GeneratedClientsServiceCollectionExtensions.AddBitgetClient(IServiceCollection, IConfiguration)";
        const string AddHtxAction = "GeneratedClientsServiceCollectionExtensions.AddHtxClient(IServiceCollection, Action<HtxClientOptions>)";
        const string AddHtxConfiguration = "GeneratedClientsServiceCollectionExtensions.AddHtxClient(IServiceCollection, IConfiguration)";
        var configuration = new ConfigurationBuilder().Build();
        yield return new(AddBitgetAction, "services null", _ => Task.FromResult(((IServiceCollection)null!).AddBitgetClient(_ => { })), typeof(ArgumentNullException), "services");
        yield return new(AddBitgetAction, "configure null", _ => Task.FromResult(new ServiceCollection().AddBitgetClient((Action<BitgetClientOptions>)null!)), typeof(ArgumentNullException), "configure");
        yield return new(AddBitgetAction, "options without a passphrase (at resolution)", c => Resolve<BitgetClient>(s => s.AddBitgetClient(o => { o.ApiKey = "k"; o.ApiSecret = "s"; })), typeof(OptionsValidationException), "Bitget:Passphrase");
        yield return new(AddBitgetConfiguration, "services null", _ => Task.FromResult(((IServiceCollection)null!).AddBitgetClient(configuration)), typeof(ArgumentNullException), "services");
        yield return new(AddBitgetConfiguration, "configuration null", _ => Task.FromResult(new ServiceCollection().AddBitgetClient((IConfiguration)null!)), typeof(ArgumentNullException), "configuration");
        yield return new(AddBitgetConfiguration, "an empty section (at resolution)", _ => Resolve<BitgetClient>(s => s.AddBitgetClient(configuration)), typeof(OptionsValidationException), "Bitget:ApiKey");
        yield return new(AddHtxAction, "services null", _ => Task.FromResult(((IServiceCollection)null!).AddHtxClient(_ => { })), typeof(ArgumentNullException), "services");
        yield return new(AddHtxAction, "configure null", _ => Task.FromResult(new ServiceCollection().AddHtxClient((Action<HtxClientOptions>)null!)), typeof(ArgumentNullException), "configure");
        yield return new(AddHtxAction, "options with Timeout 0 (at resolution)", _ => Resolve<HtxClient>(s => s.AddHtxClient(o => { o.AccessKey = "k"; o.SecretKey = "s"; o.Timeout = TimeSpan.Zero; })), typeof(OptionsValidationException), "Htx:Timeout");
        yield return new(AddHtxConfiguration, "services null", _ => Task.FromResult(((IServiceCollection)null!).AddHtxClient(configuration)), typeof(ArgumentNullException), "services");
        yield return new(AddHtxConfiguration, "configuration null", _ => Task.FromResult(new ServiceCollection().AddHtxClient((IConfiguration)null!)), typeof(ArgumentNullException), "configuration");
        yield return new(AddHtxConfiguration, "an empty section (at resolution)", _ => Resolve<HtxClient>(s => s.AddHtxClient(configuration)), typeof(OptionsValidationException), "Htx:AccessKey");
    }

    /// <summary>Settings both exchanges share, each set to a value the client cannot work with, with the text the refusal must hold (after "Bitget:" / "Htx:").</summary>
    private static IEnumerable<(string Setting, string Named, Action<ExchangeClientOptions> Change)> BadSharedSettings()
    {
        yield return ("Timeout 0", "Timeout", o => o.Timeout = TimeSpan.Zero);
        yield return ("Timeout infinite", "Timeout", o => o.Timeout = Timeout.InfiniteTimeSpan);
        yield return ("Timeout 60 days (longer than a timer can wait)", "Timeout", o => o.Timeout = TimeSpan.FromDays(60));
        yield return ("MaxResponseBytes 0", "MaxResponseBytes", o => o.MaxResponseBytes = 0);
        yield return ("MaxResponseBytes negative", "MaxResponseBytes", o => o.MaxResponseBytes = -1);
        yield return ("BaseAddress relative", "BaseAddress", o => o.BaseAddress = new Uri("/api/", UriKind.Relative));
        yield return ("BaseAddress ftp", "BaseAddress", o => o.BaseAddress = new Uri("ftp://example.test/"));
        yield return ("Retry:MaxRetries -1", "Retry:MaxRetries", o => o.Retry.MaxRetries = -1);
        yield return ("Retry:MaxRetries 11", "Retry:MaxRetries", o => o.Retry.MaxRetries = 11);
        yield return ("Retry:BaseDelay negative", "Retry:BaseDelay", o => o.Retry.BaseDelay = TimeSpan.FromSeconds(-1));
        yield return ("Retry:MaxDelay below BaseDelay", "Retry:MaxDelay not below", o => o.Retry.MaxDelay = TimeSpan.FromMilliseconds(100));
        yield return ("Retry:BaseDelay 2 days (beyond what the retry pipeline accepts)", "Retry:BaseDelay", o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromDays(2);
            o.Retry.MaxDelay = TimeSpan.FromDays(3);
        });
        yield return ("Retry null", "Retry", o => o.Retry = null!);
        yield return ("RateLimit:PermitLimit 0", "RateLimit:PermitLimit", o => o.RateLimit.PermitLimit = 0);
        yield return ("RateLimit:Window 0", "RateLimit:Window", o => o.RateLimit.Window = TimeSpan.Zero);
        yield return ("RateLimit:Window TimeSpan.MaxValue", "RateLimit:Window", o => o.RateLimit.Window = TimeSpan.MaxValue);
        yield return ("RateLimit:SafetyMargin negative", "RateLimit:SafetyMargin", o => o.RateLimit.SafetyMargin = TimeSpan.FromMilliseconds(-1));
        yield return ("RateLimit null", "RateLimit", o => o.RateLimit = null!);
        yield return ("ClockSync:RefreshInterval 0", "ClockSync:RefreshInterval", o => o.ClockSync.RefreshInterval = TimeSpan.Zero);
        yield return ("ClockSync null", "ClockSync", o => o.ClockSync = null!);
    }

    private static BitgetClientOptions BitgetOptions(Action<BitgetClientOptions>? change = null)
    {
        // A registry of its own, so that the limiter of this key is not another test's.
        var options = new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase };
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.ClockSync.Enabled = false;
        change?.Invoke(options);
        return options;
    }

    private static HtxClientOptions HtxOptions(Action<HtxClientOptions>? change = null)
    {
        var options = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret };
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.ClockSync.Enabled = false;
        change?.Invoke(options);
        return options;
    }

    private static BitgetCredentials BitgetCredentialsWith(int index, string? value) => new(
        index == 0 ? value! : "key",
        index == 1 ? value! : "secret",
        index == 2 ? value! : "passphrase");

    private static object Construct(Type exceptionType, ExchangeErrorDetails? details, Exception? inner)
    {
        try
        {
            return exceptionType.GetConstructor([typeof(ExchangeErrorDetails), typeof(Exception)])!.Invoke([details, inner]);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }

    private static async Task<HtxCrossSubAccountInfoResult> HtxResult(MistakeContext context)
    {
        var mock = MockExchange.Answering(200, Samples.Read("htx", "getCrossSubAccountInfo.200.json"));
        _ = context;
        return await new HtxClient(mock.Client(), Fakes.Htx()).GetCrossSubAccountInfoAsync(1, "USDT");
    }

    private static Task<T> Resolve<T>(Action<IServiceCollection> register)
        where T : notnull
    {
        var services = new ServiceCollection();
        register(services);
        using var provider = services.BuildServiceProvider();
        return Task.FromResult(provider.GetRequiredService<T>());
    }

    /// <summary>One bad argument: the member's signature, what is wrong, the call, the documented exception and what it names (the parameter, or for options the setting).</summary>
    private sealed record Mistake(string Member, string Argument, Func<MistakeContext, Task> Act, Type Expected, string? Names)
    {
        public string Key => $"{Argument} → {Member}";
    }

    private sealed record MistakeContext(HttpClient Http);

    private sealed class FrozenClock : TimeProvider
    {
        public override long TimestampFrequency => 0;
    }
}
