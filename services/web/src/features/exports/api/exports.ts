// Exports: request one, follow its progress, list the history, download files with the token,
// read and set the partner snapshot schedule.
import type { components } from "@/api/generated/analytics";
import { unwrap, type ApiClients } from "@/lib/api/clients";
import { ApiError } from "@/lib/api/errors";

type Schemas = components["schemas"];
export type ExportJob = Schemas["ExportJob"];
export type ExportRequest = Schemas["ExportRequest"];
export type ExportFormat = Schemas["ExportFile"]["format"];
export type Schedule = Schemas["Schedule"];
export type Cadence = Schemas["ScheduleRequest"]["cadence"];

export const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  { value: "csv", label: "CSV (zip)", hint: "tidy tables for any spreadsheet or BI tool" },
  { value: "xlsx", label: "Excel workbook", hint: "one sheet per table" },
  { value: "pdf", label: "PDF report", hint: "for boards and grant evidence" },
  { value: "edfi_json", label: "Ed-Fi JSON", hint: "for state and partner systems" },
];

export const exportsApi = {
  list: async (api: ApiClients): Promise<ExportJob[]> => (await unwrap(api.analytics.GET("/v1/exports", {}))).exports,
  get: (api: ApiClients, id: string): Promise<ExportJob> =>
    unwrap(api.analytics.GET("/v1/exports/{export_id}", { params: { path: { export_id: id } } })),
  request: (api: ApiClients, body: ExportRequest): Promise<ExportJob> => unwrap(api.analytics.POST("/v1/exports", { body })),
  schedule: async (api: ApiClients): Promise<Schedule | null> => {
    try {
      return await unwrap(api.analytics.GET("/v1/export-schedules", {}));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null; // none set yet
      throw error;
    }
  },
  setSchedule: (api: ApiClients, cadence: Cadence, period?: string): Promise<Schedule> =>
    unwrap(api.analytics.PUT("/v1/export-schedules", { body: { cadence, ...(period ? { period } : {}) } })),
  summary: (api: ApiClients) => unwrap(api.analytics.GET("/v1/summary", {})),
};

export function isFinished(job: ExportJob): boolean {
  return job.status === "succeeded" || job.status === "failed";
}

/** The absolute URL of a file's download link (the API gives it relative to itself). */
export function downloadUrl(analyticsBase: string, link: string): string {
  return /^https?:/.test(link) ? link : `${analyticsBase}${link.startsWith("/") ? "" : "/"}${link}`;
}
