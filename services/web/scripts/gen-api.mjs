// Generate the typed API clients' types: openapi/<service>.json -> src/api/generated/<service>.ts.
// The JSON documents come from scripts/dump_openapi.py (run by `make web-api`).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "api", "generated");
mkdirSync(out, { recursive: true });
const cli = join(root, "node_modules", "openapi-typescript", "bin", "cli.js");

for (const file of readdirSync(join(root, "openapi")).filter((f) => f.endsWith(".json")).sort()) {
  const name = file.replace(/\.json$/, "");
  execFileSync(process.execPath, [cli, join("openapi", file), "-o", join(out, `${name}.ts`)], {
    cwd: root,
    stdio: "inherit",
  });
}
