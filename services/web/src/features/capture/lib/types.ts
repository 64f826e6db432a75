// What the capture feature keeps on the device: the offline kit (what a person may observe, read
// at sign-in) and each walkthrough from the first tap to intake's answer.
import type { components as Templates } from "@/api/generated/templates";

export type TemplateVersion = Templates["schemas"]["ReceivedVersionOut"];
export type Indicator = Templates["schemas"]["Indicator"];

export interface KitSchool {
  id: string;
  name: string;
  districtId: string;
}

export interface KitTeacher {
  id: string;
  givenName: string;
  familyName: string;
  schoolIds: string[];
}

/** Subject and grade last recorded for a teacher: what the next walkthrough starts with. */
export interface KnownClass {
  subject: string;
  gradeLevel: string;
}

/** Everything a person needs to capture with the network off, one record per person. */
export interface OfflineKit {
  owner: string; // the token's `sub`
  savedAt: string; // ISO time
  schools: KitSchool[];
  teachers: KitTeacher[];
  templates: Record<string, TemplateVersion[]>; // by school id
  classes: Record<string, KnownClass>; // by teacher id
}

export type WalkthroughState = "draft" | "queued" | "sent" | "rejected";

export interface Rejection {
  field: string | null;
  message: string;
}

/** One walkthrough on the device. `id` is made here and is intake's observation_id, so a
 * retried sync can never store it twice. */
export interface CaptureRecord {
  id: string;
  owner: string;
  state: WalkthroughState;
  schoolId: string;
  schoolName: string;
  districtId: string;
  teacherId: string;
  teacherName: string;
  templateId: string;
  versionId: string;
  subject: string;
  gradeLevel: string;
  startedAt: string; // ISO, with the device's offset
  observedAt: string; // what intake receives; the start unless the person changed it
  durationMinutes: number | null; // fixed on submit from the timer unless typed
  ratings: Record<string, number>;
  notes: Record<string, string>;
  overall: string;
  share: boolean;
  updatedAt: string;
  submittedAt: string | null;
  sentAt: string | null;
  attempts: number;
  rejection: Rejection | null;
}
