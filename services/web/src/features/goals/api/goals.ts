// Goals: list with progress, one goal's page, set one, adopt/adapt one from the tier above, and
// the templates (look-fors, levels) a goal may name. All from the analytics service.
import type { components } from "@/api/generated/analytics";
import { unwrap, type ApiClients } from "@/lib/api/clients";

type Schemas = components["schemas"];
export type Goal = Schemas["Goal"];
export type GoalPage = Schemas["GoalPage"];
export type GoalRequest = Schemas["GoalRequest"];
export type AdoptionRequest = Schemas["AdoptionRequest"];
export type OrgProgress = Schemas["OrgProgress"];
export type ProgressPoint = Schemas["Point"];
export type GoalStatus = OrgProgress["status"];
export type GoalTemplate = Schemas["GoalTemplate"];

export const goalsApi = {
  list: (api: ApiClients) => unwrap(api.analytics.GET("/v1/goals", {})),
  get: (api: ApiClients, goalId: string): Promise<GoalPage> =>
    unwrap(api.analytics.GET("/v1/goals/{goal_id}", { params: { path: { goal_id: goalId } } })),
  create: (api: ApiClients, body: GoalRequest): Promise<GoalPage> => unwrap(api.analytics.POST("/v1/goals", { body })),
  adopt: (api: ApiClients, goalId: string, body: AdoptionRequest): Promise<GoalPage> =>
    unwrap(api.analytics.POST("/v1/goals/{goal_id}/adoptions", { params: { path: { goal_id: goalId } }, body })),
  templates: async (api: ApiClients): Promise<GoalTemplate[]> =>
    (await unwrap(api.analytics.GET("/v1/goals/templates", {}))).templates,
  rule: (api: ApiClients) => unwrap(api.analytics.GET("/v1/goals/status-rule", {})),
};
