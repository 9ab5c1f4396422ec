// Validates every wire sample (specs/<exchange>/examples/<operationId>.<status>[.<variant>].json) against its
// response schema with Ajv, a JSON Schema validator outside .NET, the way a team that does not use .NET would.
// OpenAPI 3.0 schemas become JSON Schema first: `nullable: true` adds "null" to the type (or the enum), OpenAPI-only
// keywords (example, x-*) go, and every $ref (local or to another file, such as ../shared/decimal-figure.yaml) is
// inlined. Negative controls (samples damaged so that their spec must reject them) prove the check can fail.
//
//   node validate-samples.mjs <repository root>
// prints one JSON line per checked document: {"sample", "expect": "valid"|"invalid", "valid", "errors"}.
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import YAML from "yaml";

const root = process.argv[2] ?? process.cwd();
const specsDir = path.join(root, "specs");
// strictTypes off: the decimal figure puts `format` beside `oneOf` (number or string), which OpenAPI allows.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
for (const format of ["decimal", "int32", "int64"]) {
  ajv.addFormat(format, true); // OpenAPI's formats: the types carry the check
}

const openApiOnly = new Set(["example", "examples", "externalDocs", "xml", "discriminator", "deprecated"]);
const loaded = new Map();

function load(file) {
  if (!loaded.has(file)) {
    loaded.set(file, YAML.parse(fs.readFileSync(file, "utf8")));
  }
  return loaded.get(file);
}

function resolvePointer(document, pointer) {
  return pointer.replace(/^#\/?/, "").split("/").filter((s) => s.length > 0)
    .reduce((node, segment) => node?.[decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~")], document);
}

// OpenAPI 3.0 schema → JSON Schema, refs inlined (the specs have no recursive schemas).
function convert(schema, file, depth = 0) {
  if (depth > 64) throw new Error(`schema nesting too deep in ${file}`);
  if (Array.isArray(schema)) return schema.map((item) => convert(item, file, depth + 1));
  if (schema === null || typeof schema !== "object") return schema;
  if (typeof schema.$ref === "string") {
    const [target, pointer = ""] = schema.$ref.split("#");
    const targetFile = target ? path.resolve(path.dirname(file), target) : file;
    const resolved = resolvePointer(load(targetFile), "#" + pointer);
    if (resolved === undefined) throw new Error(`unresolvable $ref ${schema.$ref} in ${file}`);
    return convert(resolved, targetFile, depth + 1);
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-") || openApiOnly.has(key) || key === "nullable") continue;
    if (key === "properties") {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, convert(property, file, depth + 1)]));
    } else if (["items", "not", "additionalProperties"].includes(key) && typeof value === "object") {
      out[key] = convert(value, file, depth + 1);
    } else if (["allOf", "oneOf", "anyOf"].includes(key)) {
      out[key] = value.map((branch) => convert(branch, file, depth + 1));
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

function responseSchema(exchange, fileName) {
  const match = /^([A-Za-z0-9]+)\.(\d{3})(?:\.[a-z0-9-]+)?\.json$/.exec(fileName);
  if (!match) throw new Error(`${exchange}/examples/${fileName}: not named <operationId>.<status>[.<variant>].json`);
  const [, operationId, status] = match;
  const exchangeDir = path.join(specsDir, exchange);
  for (const specName of fs.readdirSync(exchangeDir).filter((name) => name.endsWith(".yaml")).sort()) {
    const specFile = path.join(exchangeDir, specName);
    for (const item of Object.values(load(specFile).paths ?? {})) {
      for (const operation of Object.values(item)) {
        if (operation?.operationId === operationId) {
          const schema = operation.responses?.[status]?.content?.["application/json"]?.schema;
          if (!schema) throw new Error(`${specName} ${operationId} has no application/json schema for ${status}`);
          return convert(schema, specFile);
        }
      }
    }
  }
  throw new Error(`no spec in specs/${exchange} has operationId ${operationId}`);
}

function check(sample, expect, schema, body) {
  const validate = ajv.compile(schema);
  const valid = validate(body);
  console.log(JSON.stringify({ sample, expect, valid, errors: valid ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`) }));
}

const exchanges = fs.readdirSync(specsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "shared")
  .map((entry) => entry.name).sort();
for (const exchange of exchanges) {
  const examples = path.join(specsDir, exchange, "examples");
  for (const fileName of fs.readdirSync(examples).filter((name) => name.endsWith(".json")).sort()) {
    const body = JSON.parse(fs.readFileSync(path.join(examples, fileName), "utf8"));
    check(`${exchange}/${fileName}`, "valid", responseSchema(exchange, fileName), body);
  }
}

// Negative controls: each damage must be rejected, or the check above proves nothing.
const controls = [
  ["bitget", "getSubAccountAssets.200.json", "figure not a number", (b) => { b.data[0].assetList[0].available = "abc"; }],
  ["bitget", "getSubAccountAssets.200.json", "figure with a decimal comma", (b) => { b.data[0].assetList[0].btcEquity = "0,5"; }],
  ["bitget", "getSubAccountAssets.200.json", "userId neither number nor digits", (b) => { b.data[0].userId = "12ab"; }],
  ["bitget", "getSubAccountAssets.200.json", "code missing", (b) => { delete b.code; }],
  ["htx", "getCrossSubAccountInfo.200.json", "figure is a boolean", (b) => { b.data[0].margin_balance = true; }],
  ["htx", "getCrossSubAccountInfo.200.json", "figure is an object", (b) => { b.data[0].contract_detail[0].margin_available = {}; }],
  ["htx", "getCrossSubAccountInfo.200.json", "status not in the enum", (b) => { b.status = "maybe"; }],
  ["htx", "getCrossSubAccountInfo.200.json", "margin_asset null (not nullable)", (b) => { b.data[0].margin_asset = null; }],
];
for (const [exchange, fileName, what, damage] of controls) {
  const body = JSON.parse(fs.readFileSync(path.join(specsDir, exchange, "examples", fileName), "utf8"));
  damage(body);
  check(`${exchange}/${fileName} (${what})`, "invalid", responseSchema(exchange, fileName), body);
}
