// Writes each spec with the shared decimal figure inlined: every `allOf: [$ref: ../shared/decimal-figure.yaml]`
// around a figure becomes the figure's schema itself (the figure's own description and example kept). For code
// generators that do not follow `allOf` around a `$ref` to another file (NSwag's TypeScript generator names such a
// wrapper after its first property and never emits the type); the specs themselves keep the one shared schema.
//
//   node docs/inline-figures.mjs <spec.yaml>... --out <folder>     writes <folder>/<spec name>.inline.yaml
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
if (outIndex < 0 || outIndex === args.length - 1) {
  console.error("usage: node docs/inline-figures.mjs <spec.yaml>... --out <folder>");
  process.exit(2);
}
const out = args[outIndex + 1];
const specs = args.filter((_, i) => i !== outIndex && i !== outIndex + 1);
fs.mkdirSync(out, { recursive: true });

function inline(node, directory) {
  if (Array.isArray(node)) return node.map((item) => inline(item, directory));
  if (node === null || typeof node !== "object") return node;
  const { allOf, ...rest } = node;
  if (Array.isArray(allOf) && allOf.length === 1 && typeof allOf[0]?.$ref === "string" && !allOf[0].$ref.startsWith("#")) {
    const file = path.resolve(directory, allOf[0].$ref);
    const shared = inline(YAML.parse(fs.readFileSync(file, "utf8")), path.dirname(file));
    return { ...shared, ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inline(v, directory)])) };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v, directory)]));
}

for (const spec of specs) {
  const document = inline(YAML.parse(fs.readFileSync(spec, "utf8")), path.dirname(path.resolve(spec)));
  const target = path.join(out, path.basename(spec, ".yaml") + ".inline.yaml");
  // The samples stay where the spec points (externalValue is relative to the spec): make them absolute-free by
  // pointing back to the original folder.
  const text = YAML.stringify(document).replaceAll("externalValue: ./examples/", `externalValue: ${path.relative(out, path.dirname(path.resolve(spec))).replaceAll("\\", "/")}/examples/`);
  fs.writeFileSync(target, text);
  console.log(target);
}
