// Template-distribution calls of the district's template screens: what the region pushed, the
// district's own templates (author, publish, push to its schools) and forks of open pushes.
import type { components } from "@/api/generated/templates";
import { unwrap, type ApiClients } from "@/lib/api/clients";
import type { Content } from "@/lib/templates/content";

type Schemas = components["schemas"];
export type Template = Schemas["TemplateOut"];
export type Received = Schemas["ReceivedVersionOut"];
export type Assignment = Schemas["AssignmentOut"];

const path = (id: string) => ({ params: { path: { template_id: id } } });

export const districtTemplatesApi = {
  received: async (api: ApiClients, districtId: string): Promise<Received[]> =>
    (await unwrap(api.templates.GET("/v1/districts/{district_id}/received-templates", { params: { path: { district_id: districtId } } }))).templates ?? [],
  own: async (api: ApiClients): Promise<Template[]> => (await unwrap(api.templates.GET("/v1/templates", { params: { query: {} } }))).templates ?? [],
  get: (api: ApiClients, id: string): Promise<Template> => unwrap(api.templates.GET("/v1/templates/{template_id}", path(id))),
  create: (api: ApiClients, content: Content): Promise<Template> => unwrap(api.templates.POST("/v1/templates", { body: content })),
  saveDraft: (api: ApiClients, id: string, content: Content): Promise<Template> =>
    unwrap(api.templates.PUT("/v1/templates/{template_id}/draft", { ...path(id), body: content })),
  startDraft: (api: ApiClients, id: string): Promise<Template> =>
    unwrap(api.templates.POST("/v1/templates/{template_id}/draft", { ...path(id), body: { from_version: null } })),
  publish: (api: ApiClients, id: string) =>
    unwrap(api.templates.POST("/v1/templates/{template_id}/publish", { ...path(id), body: { advance_assignments: true } })),
  fork: (api: ApiClients, id: string, title: string): Promise<Template> =>
    unwrap(api.templates.POST("/v1/templates/{template_id}/fork", { ...path(id), body: { title } })),
  pushToSchools: (api: ApiClients, id: string, schoolIds: string[] | null, locked: boolean): Promise<Assignment> =>
    unwrap(api.templates.POST("/v1/templates/{template_id}/push", { ...path(id), body: { locked, school_ids: schoolIds, district_ids: null, version_number: null } })),
  assignment: (api: ApiClients, id: string): Promise<Assignment> => unwrap(api.templates.GET("/v1/templates/{template_id}/assignment", path(id))),
};
