// The offline kit, read at sign-in: the schools the person may observe in, each school's
// templates (with the full content to render the form), the rosters they may see, and the
// subject and grade last recorded per teacher (to prefill the next walkthrough).
import type { ApiClients } from "@/lib/api/clients";
import { unwrap } from "@/lib/api/clients";
import type { KitSchool, KitTeacher, KnownClass, OfflineKit, TemplateVersion } from "../lib/types";

const PAGE = 200;

interface Page<T> {
  items?: T[];
  total?: number;
}

async function allPages<T>(load: (offset: number) => Promise<Page<T>>): Promise<T[]> {
  const found: T[] = [];
  for (;;) {
    const page = await load(found.length);
    const items = page.items ?? [];
    found.push(...items);
    if (!items.length || found.length >= (page.total ?? 0)) return found;
  }
}

async function schoolsOf(api: ApiClients): Promise<KitSchool[]> {
  const schools = await allPages((offset) =>
    unwrap(api.tenancy.GET("/v1/schools", { params: { query: { limit: PAGE, offset } } })),
  );
  return schools
    .map((s) => ({ id: s.id ?? "", name: s.name ?? "School", districtId: s.district_id ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function templatesOf(api: ApiClients, schoolId: string): Promise<TemplateVersion[]> {
  const body = await unwrap(
    api.templates.GET("/v1/schools/{school_id}/templates", { params: { path: { school_id: schoolId } } }),
  );
  return body.templates ?? [];
}

async function teachersOf(api: ApiClients, districtId: string, schoolId: string): Promise<KitTeacher[]> {
  const teachers = await allPages((offset) =>
    unwrap(
      api.tenancy.GET("/v1/districts/{district_id}/teachers", {
        params: { path: { district_id: districtId }, query: { limit: PAGE, offset, school_id: schoolId } },
      }),
    ),
  );
  return teachers.map((t) => ({
    id: t.id ?? "",
    givenName: t.given_name ?? "",
    familyName: t.family_name ?? "",
    schoolIds: Array.isArray(t.school_ids) ? (t.school_ids as string[]) : [schoolId],
  }));
}

/** Subject and grade of the newest walkthrough of each teacher the person may read. */
async function knownClasses(api: ApiClients): Promise<Record<string, KnownClass>> {
  const page = await unwrap(api.intake.GET("/v1/walkthroughs", { params: { query: { limit: PAGE } } }));
  const classes: Record<string, KnownClass> = {};
  for (const w of page.items ?? []) {
    if (w.teacher_id && w.subject && w.grade_level && !classes[w.teacher_id]) {
      classes[w.teacher_id] = { subject: w.subject, gradeLevel: w.grade_level };
    }
  }
  return classes;
}

function mergeTeachers(lists: KitTeacher[][]): KitTeacher[] {
  const byId = new Map<string, KitTeacher>();
  for (const teacher of lists.flat()) {
    const seen = byId.get(teacher.id);
    byId.set(teacher.id, seen ? { ...seen, schoolIds: [...new Set([...seen.schoolIds, ...teacher.schoolIds])] } : teacher);
  }
  return [...byId.values()].sort((a, b) => a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName));
}

export async function fetchKit(api: ApiClients, owner: string): Promise<OfflineKit> {
  const schools = await schoolsOf(api);
  const [templates, teachers, classes] = await Promise.all([
    Promise.all(schools.map(async (s) => [s.id, await templatesOf(api, s.id)] as const)),
    Promise.all(schools.map((s) => teachersOf(api, s.districtId, s.id))),
    knownClasses(api).catch(() => ({})), // a nicety: the kit is complete without it
  ]);
  return {
    owner,
    savedAt: new Date().toISOString(),
    schools,
    teachers: mergeTeachers(teachers),
    templates: Object.fromEntries(templates),
    classes,
  };
}
