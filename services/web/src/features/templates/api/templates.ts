// Template-distribution calls for the region admin's template screens.
import type { components } from "@/api/generated/templates";
import { unwrap, type ApiClients } from "@/lib/api/clients";

type Schemas = components["schemas"];
export type Template = Schemas["TemplateOut"];
export type Content = Schemas["ContentIn"];
export type SectionIn = Schemas["SectionIn"];
export type IndicatorIn = Schemas["IndicatorIn"];
export type Assignment = Schemas["AssignmentOut"];
export type Version = Schemas["VersionOut"];
export type PushIn = Schemas["PushIn"];
export type Fork = Schemas["ForkOut"];

const path = (id: string) => ({ params: { path: { template_id: id } } });

export const templatesApi = {
  list: async (api: ApiClients): Promise<Template[]> => (await unwrap(api.templates.GET("/v1/templates", { params: { query: {} } }))).templates ?? [],
  get: (api: ApiClients, id: string): Promise<Template> => unwrap(api.templates.GET("/v1/templates/{template_id}", path(id))),
  create: (api: ApiClients, content: Content): Promise<Template> => unwrap(api.templates.POST("/v1/templates", { body: content })),
  saveDraft: (api: ApiClients, id: string, content: Content): Promise<Template> =>
    unwrap(api.templates.PUT("/v1/templates/{template_id}/draft", { ...path(id), body: content })),
  startDraft: (api: ApiClients, id: string, fromVersion: number | null): Promise<Template> =>
    unwrap(api.templates.POST("/v1/templates/{template_id}/draft", { ...path(id), body: { from_version: fromVersion } })),
  publish: (api: ApiClients, id: string): Promise<Version> =>
    unwrap(api.templates.POST("/v1/templates/{template_id}/publish", { ...path(id), body: { advance_assignments: true } })),
  version: (api: ApiClients, id: string, n: number): Promise<Version> =>
    unwrap(api.templates.GET("/v1/templates/{template_id}/versions/{version_number}", { params: { path: { template_id: id, version_number: n } } })),
  push: (api: ApiClients, id: string, body: PushIn): Promise<Assignment> =>
    unwrap(api.templates.POST("/v1/templates/{template_id}/push", { ...path(id), body })),
  assignment: (api: ApiClients, id: string): Promise<Assignment> =>
    unwrap(api.templates.GET("/v1/templates/{template_id}/assignment", path(id))),
  forks: async (api: ApiClients, id: string): Promise<Fork[]> =>
    (await unwrap(api.templates.GET("/v1/templates/{template_id}/forks", path(id)))).forks ?? [],
  withdraw: (api: ApiClients, id: string): Promise<Assignment> =>
    unwrap(api.templates.DELETE("/v1/templates/{template_id}/assignment", path(id))),
};

/** Connected districts and their schools, to name push targets and receivers. */
export async function listOrgs(api: ApiClients) {
  const [districts, schools] = await Promise.all([
    unwrap(api.tenancy.GET("/v1/districts", { params: { query: { limit: 200 } } })),
    unwrap(api.tenancy.GET("/v1/schools", { params: { query: { limit: 200 } } })),
  ]);
  return {
    districts: (districts.items ?? []).map((d) => ({ id: d.id ?? "", name: d.name ?? "" })),
    schools: (schools.items ?? []).map((s) => ({ id: s.id ?? "", name: s.name ?? "", districtId: s.district_id ?? "" })),
  };
}
