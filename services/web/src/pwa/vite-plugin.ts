// Builds the service worker: src/pwa/sw.js with the list of files to keep offline (index.html,
// every file of this build, the public files) and a version made from that list, so each new
// build is a new worker. Hand-written instead of vite-plugin-pwa/Workbox: the shell needs three
// small caching rules, and Workbox's build tooling would add some 200 packages to the lock file.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Plugin } from "vite";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

export function serviceWorker(options: { source: string; publicDir: string }): Plugin {
  return {
    name: "canopy-service-worker",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((name) => name !== "index.html" && !name.endsWith(".map"));
      const publicFiles = filesUnder(options.publicDir).map((f) => relative(options.publicDir, f).split("\\").join("/"));
      const precache = ["/index.html", ...[...built, ...publicFiles].map((name) => `/${name}`)].sort();
      const version = createHash("sha256").update(precache.join("\n")).digest("hex").slice(0, 12);
      const source = readFileSync(options.source, "utf8")
        .replace(`"__CANOPY_VERSION__"`, JSON.stringify(version))
        .replace("__CANOPY_PRECACHE__;", `${JSON.stringify(precache)};`);
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}
