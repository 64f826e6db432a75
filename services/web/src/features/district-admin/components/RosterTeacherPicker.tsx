// A teacher account is the roster teacher it reads walkthroughs of: pick them from the chosen
// school's roster (search by name or email); their name and email fill the account's.
import { useState } from "react";
import { SelectField } from "@/components/ui/Form";
import { useApi } from "@/lib/app-context";
import { useQuery } from "@/lib/use-query";
import { consoleApi } from "../api/console";

export interface RosterTeacher {
  id: string;
  name: string;
  email: string;
}

export function RosterTeacherPicker({
  districtId,
  schoolId,
  value,
  error,
  onPick,
}: {
  districtId: string;
  schoolId: string;
  value: string;
  error?: string;
  onPick: (teacher: RosterTeacher | null) => void;
}) {
  const api = useApi();
  const [search, setSearch] = useState("");
  const teachers = useQuery(schoolId ? `tenancy:school-teachers:${schoolId}:${search}` : null, () =>
    consoleApi.schoolTeachers(api, districtId, schoolId, search),
  );
  const list: RosterTeacher[] = (teachers.data ?? []).map((t) => ({
    id: t.id ?? "",
    name: `${t.given_name ?? ""} ${t.family_name ?? ""}`.trim(),
    email: t.email ?? "",
  }));
  if (!schoolId) return <p className="muted small">Choose the school first: the teacher comes from its roster.</p>;
  return (
    <>
      <div className="field">
        <label htmlFor="roster-teacher-search">Find the teacher on the roster</label>
        <input id="roster-teacher-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="new-user-teacher-search" />
      </div>
      <SelectField
        label="Teacher on the roster"
        value={value}
        error={error}
        onChange={(e) => onPick(list.find((t) => t.id === e.target.value) ?? null)}
        hint={teachers.data && !list.length ? "No teacher of this school matches." : undefined}
        data-testid="new-user-teacher"
      >
        <option value="">Choose a teacher…</option>
        {list.map((t) => <option key={t.id} value={t.id}>{t.name}{t.email ? ` (${t.email})` : ""}</option>)}
      </SelectField>
    </>
  );
}
