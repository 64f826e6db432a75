// The service worker (built from src/pwa/sw.js by src/pwa/vite-plugin.ts) keeps the app shell,
// so the app opens and captures with the network off. Only in a production build: the dev
// server's modules change on every edit.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without it the app still works online; offline capture needs it, nothing else does.
    });
  });
}
