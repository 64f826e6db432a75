/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { serviceWorker } from "./src/pwa/vite-plugin";

// The browser calls each service directly (CORS) in the running system, where the launcher
// serves /config.json. `npm run dev` has no launcher in front: it serves a /config.json that
// points at same-origin /svc/<name> paths and proxies them to the services' ports (the same
// CANOPY_*_PORT variables the launcher reads).
const SERVICES = {
  tenancy: ["CANOPY_TENANCY_PORT", 8001],
  templates: ["CANOPY_TEMPLATES_PORT", 8002],
  intake: ["CANOPY_INTAKE_PORT", 8003],
  analytics: ["CANOPY_ANALYTICS_PORT", 8005],
} as const;

function devTarget(name: keyof typeof SERVICES): string {
  const [variable, fallback] = SERVICES[name];
  const host = process.env.CANOPY_HOST ?? "127.0.0.1";
  return `http://${host}:${process.env[variable] ?? fallback}`;
}

function devConfigJson(): Plugin {
  const services = Object.fromEntries(Object.keys(SERVICES).map((n) => [n, `/svc/${n}`]));
  return {
    name: "canopy-dev-config",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use("/config.json", (_req, res) => {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ services }));
      });
    },
  };
}

const proxy = Object.fromEntries(
  (Object.keys(SERVICES) as (keyof typeof SERVICES)[]).map((name) => [
    `/svc/${name}`,
    {
      target: devTarget(name),
      changeOrigin: true,
      rewrite: (path: string) => path.replace(`/svc/${name}`, ""),
    },
  ]),
);

export default defineConfig({
  plugins: [
    react(),
    devConfigJson(),
    // The offline app shell (a PWA): see src/pwa/.
    serviceWorker({
      source: fileURLToPath(new URL("./src/pwa/sw.js", import.meta.url)),
      publicDir: fileURLToPath(new URL("./public", import.meta.url)),
    }),
  ],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  server: { proxy },
  build: {
    target: "es2022",
    sourcemap: false,
    rollupOptions: {
      output: {
        // One long-cached vendor chunk: React and the router change less often than the app.
        manualChunks(id) {
          if (/node_modules\/(react|react-dom|react-router|scheduler|cookie|set-cookie-parser)\//.test(id)) return "react";
          if (/node_modules\/(d3-|internmap)/.test(id)) return "d3";
          return undefined;
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: false,
    setupFiles: ["./src/testing/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
  },
});
