using GeneratedClients.Tests.Build;
using GeneratedClients.Tests.Contract;

namespace GeneratedClients.Tests.SpecTooling;

/// <summary>
/// A second language from the same specs: nswag.typescript.json (the TypeScript twin of nswag.json, filled in with
/// /variables:Spec,ClientName,Output) generates a fetch-based TypeScript client for every spec with NSwag.MSBuild's
/// command line (the same NSwag build the library generates with), and the TypeScript compiler (npm typescript, pinned in package.json) type-checks all of them with a
/// strict tsconfig, together with a small consumer file that uses each client the way a TypeScript team would.
/// Nothing of it is committed or shipped: it all happens in a temporary folder.
/// </summary>
public sealed class TypeScriptClientTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "GeneratedClients.TypeScript." + Guid.NewGuid().ToString("N"));

    public TypeScriptClientTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The client class generated from each spec, by exchange folder.</summary>
    private static readonly Dictionary<string, string> ClientNames = new() { ["bitget"] = "BitgetApi", ["htx"] = "HtxApi" };

    // Uses what a consumer uses: the client classes, the operation methods with their typed arguments, the response
    // types. Each @ts-expect-error line must be an error: were the generated types `any`, tsc would reject the
    // unused directive, so the check cannot pass on types that check nothing.
    private const string Consumer = """
        import { BitgetApi, BitgetProductType, type BitgetSubAccountAssetsResponse } from "./BitgetApi";
        import { HtxApi, HtxResponseStatus, type HtxCrossSubAccountInfoResponse } from "./HtxApi";

        export async function equities(bitget: BitgetApi, htx: HtxApi): Promise<string[]> {
            const assets: BitgetSubAccountAssetsResponse = await bitget.getSubAccountAssets(BitgetProductType.UsdtFutures, "en-US");
            const info: HtxCrossSubAccountInfoResponse = await htx.getCrossSubAccountInfo({ sub_uid: 123456, margin_account: "USDT" });
            const lines: string[] = [];
            for (const account of assets.data ?? []) {
                for (const asset of account.assetList ?? []) {
                    lines.push(`${account.userId} ${asset.marginCoin} ${asset.accountEquity ?? asset.equity ?? ""}`);
                }
            }
            if (info.status === HtxResponseStatus.Ok) {
                for (const account of info.data ?? []) {
                    lines.push(`${account.margin_asset} ${account.margin_balance} ${account.risk_rate ?? "no risk rate"}`);
                }
            }
            // @ts-expect-error productType is the generated enum, not any string
            await bitget.getSubAccountAssets("USDT-FUTURES-PLUS", undefined);
            // @ts-expect-error sub_uid is required by the request schema
            await htx.getCrossSubAccountInfo({ margin_account: "USDT" });
            // @ts-expect-error margin_balance is a number
            const balance: string = info.data![0]!.margin_balance;
            return [...lines, balance];
        }

        """;

    private const string StrictTsconfig = """
        {
          "compilerOptions": {
            "strict": true,
            "noEmit": true,
            "target": "ES2022",
            "lib": ["ES2022", "DOM"],
            "module": "ES2022",
            "moduleResolution": "bundler",
            "isolatedModules": true,
            "verbatimModuleSyntax": true,
            "noImplicitReturns": true,
            "noImplicitOverride": true,
            "noUnusedLocals": true,
            "noUnusedParameters": true,
            "noFallthroughCasesInSwitch": true,
            "noUncheckedIndexedAccess": true,
            "noPropertyAccessFromIndexSignature": true,
            "forceConsistentCasingInFileNames": true,
            "types": []
          },
          "include": ["*.ts"]
        }

        """;

    [Fact]
    public async Task The_typescript_clients_generated_from_the_specs_pass_a_strict_tsc()
    {
        await ToolProcess.EnsureNodeModulesAsync();
        var nodeModules = Path.Combine(RepoPaths.Root, "node_modules");
        var tsc = Path.Combine(nodeModules, "typescript", "bin", "tsc");
        Assert.True(File.Exists(tsc), $"{tsc} is missing: package.json pins typescript; run npm ci in {RepoPaths.Root}.");

        var specs = SpecSamples.AllSpecFiles().ToList();
        // NSwag's TypeScript generator does not follow `allOf` around a $ref to another file (the shared decimal
        // figure), so it generates from the specs with the figure inlined (docs/inline-figures.mjs, `npm run docs:inline`).
        var inlined = Path.Combine(_directory, "inline");
        var inline = await ToolProcess.RunAsync("node", [Path.Combine(RepoPaths.Root, "docs", "inline-figures.mjs"), .. specs, "--out", inlined], RepoPaths.Root);
        Assert.True(inline.ExitCode == 0, inline.Describe("node docs/inline-figures.mjs"));
        foreach (var spec in specs)
        {
            var exchange = Path.GetFileName(Path.GetDirectoryName(spec)!);
            Assert.True(ClientNames.TryGetValue(exchange, out var clientName), $"{SpecSamples.RepoRelative(spec)}: name its TypeScript client in {nameof(TypeScriptClientTests)}.{nameof(ClientNames)}.");
            var output = Path.Combine(_directory, clientName + ".ts");
            var inlineSpec = Path.Combine(inlined, Path.GetFileNameWithoutExtension(spec) + ".inline.yaml");
            var generate = await ToolProcess.RunAsync(
                ToolProcess.Dotnet,
                [ToolProcess.NSwagDll, "run", "nswag.typescript.json", $"/variables:Spec={inlineSpec},ClientName={clientName},Output={output}"],
                RepoPaths.Root);
            Assert.True(generate.ExitCode == 0 && File.Exists(output), generate.Describe($"NSwag (nswag.typescript.json) for {SpecSamples.RepoRelative(spec)}"));
        }

        File.WriteAllText(Path.Combine(_directory, "consumer.ts"), Consumer);
        File.WriteAllText(Path.Combine(_directory, "tsconfig.json"), StrictTsconfig);

        var check = await ToolProcess.RunAsync("node", [tsc, "--project", "tsconfig.json", "--pretty", "false"], _directory);

        Assert.True(check.ExitCode == 0, check.Describe($"tsc --noEmit over the clients generated from {string.Join(", ", specs.Select(SpecSamples.RepoRelative))}"));
        Assert.Equal(specs.Count + 1, Directory.GetFiles(_directory, "*.ts").Length);
        Assert.DoesNotContain("locked?: Locked", File.ReadAllText(Path.Combine(_directory, "BitgetApi.ts")), StringComparison.Ordinal);
    }
}
