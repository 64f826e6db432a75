// Making and changing walkthrough records (pure): a new draft from the two taps, edits, submit.
import { defaultTemplate, localIso } from "./form";
import type { CaptureRecord, KitSchool, KitTeacher, OfflineKit } from "./types";

export function newId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function teacherName(t: Pick<KitTeacher, "givenName" | "familyName">): string {
  return `${t.givenName} ${t.familyName}`.trim();
}

export function newDraft(kit: OfflineKit, school: KitSchool, teacher: KitTeacher, now = new Date()): CaptureRecord {
  const template = defaultTemplate(kit.templates[school.id] ?? []);
  const known = kit.classes[teacher.id];
  const at = localIso(now);
  return {
    id: newId(),
    owner: kit.owner,
    state: "draft",
    schoolId: school.id,
    schoolName: school.name,
    districtId: school.districtId,
    teacherId: teacher.id,
    teacherName: teacherName(teacher),
    templateId: template?.template_id ?? "",
    versionId: template?.version_id ?? "",
    subject: known?.subject ?? "",
    gradeLevel: known?.gradeLevel ?? "",
    startedAt: at,
    observedAt: at,
    durationMinutes: null,
    ratings: {},
    notes: {},
    overall: "",
    share: false,
    updatedAt: now.toISOString(),
    submittedAt: null,
    sentAt: null,
    attempts: 0,
    rejection: null,
  };
}

export function edited(record: CaptureRecord, change: Partial<CaptureRecord>): CaptureRecord {
  return { ...record, ...change, updatedAt: new Date().toISOString() };
}

/** Submitted: fixed minutes, into the queue, any earlier refusal cleared. */
export function queued(record: CaptureRecord, minutes: number): CaptureRecord {
  const now = new Date().toISOString();
  return { ...record, state: "queued", durationMinutes: minutes, submittedAt: now, updatedAt: now, rejection: null };
}

/** Teachers of a school whose name matches every word typed, in roster order. */
export function searchTeachers(teachers: KitTeacher[], schoolId: string, query: string): KitTeacher[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return teachers.filter((t) => {
    if (!t.schoolIds.includes(schoolId)) return false;
    const name = teacherName(t).toLowerCase();
    return words.every((w) => name.includes(w));
  });
}
