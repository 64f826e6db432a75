// One typed client per service (openapi-fetch over the generated types), each adding the
// bearer token and sending the person to sign-in when a signed request comes back 401.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths as AnalyticsPaths } from "@/api/generated/analytics";
import type { paths as IntakePaths } from "@/api/generated/intake";
import type { paths as TemplatesPaths } from "@/api/generated/templates";
import type { paths as TenancyPaths } from "@/api/generated/tenancy";
import type { AppConfig } from "@/lib/config";
import { ApiError } from "./errors";

export interface ApiClients {
  tenancy: Client<TenancyPaths>;
  templates: Client<TemplatesPaths>;
  intake: Client<IntakePaths>;
  analytics: Client<AnalyticsPaths>;
}

export interface AuthHooks {
  /** The current token, or null when signed out or expired. */
  token(): string | null;
  /** Called when a request sent with a token is refused as unauthenticated. */
  onUnauthorized(): void;
}

export function authMiddleware(auth: AuthHooks): Middleware {
  const signed = new WeakSet<Request>();
  return {
    onRequest({ request }) {
      const token = auth.token();
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
        signed.add(request);
      }
      return request;
    },
    onResponse({ request, response }) {
      if (response.status === 401 && (signed.has(request) || request.headers.has("Authorization"))) {
        auth.onUnauthorized();
      }
      return response;
    },
  };
}

export function createApiClients(config: AppConfig, auth: AuthHooks): ApiClients {
  const middleware = authMiddleware(auth);
  const make = <P extends {}>(baseUrl: string): Client<P> => {
    const client = createClient<P>({ baseUrl });
    client.use(middleware);
    return client;
  };
  return {
    tenancy: make<TenancyPaths>(config.services.tenancy),
    templates: make<TemplatesPaths>(config.services.templates),
    intake: make<IntakePaths>(config.services.intake),
    analytics: make<AnalyticsPaths>(config.services.analytics),
  };
}

/** The data of an openapi-fetch answer, or an ApiError with the service's message. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}
