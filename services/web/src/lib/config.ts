// Where each service lives, read once at start from /config.json (the launcher, nginx or the
// dev server writes it), so one build runs against any deployment.
export interface AppConfig {
  services: { tenancy: string; templates: string; intake: string; analytics: string };
}

export async function loadConfig(fetchFn: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchFn("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const body = (await response.json()) as Partial<AppConfig>;
  const services = body.services;
  if (!services?.tenancy || !services.templates || !services.intake || !services.analytics) {
    throw new Error("/config.json does not name every service (tenancy, templates, intake, analytics)");
  }
  const trim = (url: string) => url.replace(/\/+$/, "");
  return {
    services: {
      tenancy: trim(services.tenancy),
      templates: trim(services.templates),
      intake: trim(services.intake),
      analytics: trim(services.analytics),
    },
  };
}
