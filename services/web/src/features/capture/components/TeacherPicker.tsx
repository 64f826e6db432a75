// The two taps: a school (already chosen when there is only one), then a teacher, found by name.
import { useMemo, useState } from "react";
import { EmptyState } from "@/components/ui/States";
import { subjectLabel } from "../lib/form";
import { searchTeachers, teacherName } from "../lib/records";
import type { KitSchool, KitTeacher, OfflineKit } from "../lib/types";

interface Props {
  kit: OfflineKit;
  onPick: (school: KitSchool, teacher: KitTeacher) => void;
}

export function TeacherPicker({ kit, onPick }: Props) {
  const [schoolId, setSchoolId] = useState(kit.schools.length === 1 ? kit.schools[0]!.id : "");
  const [query, setQuery] = useState("");
  const school = kit.schools.find((s) => s.id === schoolId);
  const teachers = useMemo(() => searchTeachers(kit.teachers, schoolId, query), [kit.teachers, schoolId, query]);

  if (!kit.schools.length) {
    return (
      <EmptyState title="No schools to observe in">
        Your account is not assigned to a school yet. Ask your district admin to add you as an observer.
      </EmptyState>
    );
  }
  return (
    <div data-testid="capture-ready">
      {kit.schools.length > 1 && (
        <section aria-labelledby="pick-school">
          <h2 id="pick-school">1. School</h2>
          <ul className="capture-choices">
            {kit.schools.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="btn capture-choice"
                  aria-pressed={s.id === schoolId}
                  data-testid="capture-school"
                  onClick={() => setSchoolId(s.id)}
                >
                  {s.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {school && (
        <section aria-labelledby="pick-teacher">
          <h2 id="pick-teacher">{kit.schools.length > 1 ? "2. Teacher" : `Teacher at ${school.name}`}</h2>
          <div className="field capture-search">
            <label htmlFor="teacher-search">Search by name</label>
            <input
              id="teacher-search"
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="capture-teacher-search"
            />
          </div>
          {teachers.length ? (
            <ul className="capture-choices" aria-label={`Teachers at ${school.name}`}>
              {teachers.slice(0, 60).map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    className="btn capture-choice"
                    data-testid="capture-teacher"
                    data-teacher-id={t.id}
                    onClick={() => onPick(school, t)}
                  >
                    {teacherName(t)}
                    {kit.classes[t.id] && <span className="muted">{classLabel(kit, t.id)}</span>}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted" role="status">No teacher at {school.name} matches “{query}”.</p>
          )}
          {teachers.length > 60 && <p className="muted small">Showing 60 of {teachers.length}: type more of the name.</p>}
        </section>
      )}
    </div>
  );
}

function classLabel(kit: OfflineKit, teacherId: string): string {
  const known = kit.classes[teacherId];
  return known ? `Last: ${subjectLabel(known.subject)}, grade ${known.gradeLevel}` : "";
}
