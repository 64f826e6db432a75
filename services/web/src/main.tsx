import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { createRouter } from "@/app/router";
import { startCapture } from "@/features/capture/api/runner";
import { createApiClients } from "@/lib/api/clients";
import { AppProvider } from "@/lib/app-context";
import { registerNavigate, sendToSignIn } from "@/lib/auth/navigation";
import { sessionStore } from "@/lib/auth/session-store";
import { loadConfig } from "@/lib/config";
import { registerServiceWorker } from "@/pwa/register";
import "./styles.css";

registerServiceWorker();
const root = createRoot(document.getElementById("root")!);

loadConfig().then(
  (config) => {
    const api = createApiClients(config, {
      token: () => sessionStore.get()?.token ?? null,
      onUnauthorized: () => sendToSignIn("expired"),
    });
    startCapture(api); // offline capture: keeps the device's kit and outbox in step
    const router = createRouter();
    registerNavigate((to, options) => void router.navigate(to, options));
    root.render(
      <StrictMode>
        <AppProvider value={{ config, api }}>
          <RouterProvider router={router} />
        </AppProvider>
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(
      <main className="page narrow" role="alert">
        <h1>Canopy could not start</h1>
        <p className="lead">
          The app could not read its settings ({String(error instanceof Error ? error.message : error)}). Check that
          Canopy is running, then reload this page.
        </p>
      </main>,
    );
  },
);
