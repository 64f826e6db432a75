// /district/region-coaches: the instructional coaches of the region the district is connected
// to, and the district's schools each may observe at. The district admin grants and revokes a
// school with one checkbox; revoking stops the coach's submissions there as soon as intake reads
// it. A district leader sees the same, read-only.
import { useState } from "react";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { useQuery } from "@/lib/use-query";
import { coachesApi, type RegionCoach, type School } from "../api/coaches";

export default function RegionCoaches() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const district = claims.org_id;
  const coaches = useQuery(`tenancy:region-coaches:${district}`, () => coachesApi.coaches(api, district));
  const schools = useQuery(`tenancy:schools:${district}`, () => coachesApi.schools(api, district));
  const canChange = claims.role === "district_admin";

  return (
    <div className="page" data-testid="region-coaches">
      <PageHeader
        title="Region coaches"
        description="Instructional coaches employed by your region. Choose the schools each may run walkthroughs at; what they capture is your district's data, and they see only their own walkthroughs."
      />
      <Async state={coaches} rows={4}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No region coaches">
              Your region has no coaches, or your district is not connected to a region.
            </EmptyState>
          ) : (
            <Async state={schools} rows={3}>
              {(all) => (
                <>
                  {list.map((coach) => (
                    <CoachCard key={coach.user_id} coach={coach} schools={all} canChange={canChange} onChanged={coaches.reload} />
                  ))}
                </>
              )}
            </Async>
          )
        }
      </Async>
    </div>
  );
}

function CoachCard({ coach, schools, canChange, onChanged }: { coach: RegionCoach; schools: School[]; canChange: boolean; onChanged: () => void }) {
  const api = useApi();
  const [state, setState] = useState<{ busy?: string; error?: string }>({});
  const assigned = new Set(coach.school_ids ?? []);

  async function toggle(school: School, on: boolean) {
    setState({ busy: school.id });
    try {
      if (on) await coachesApi.assign(api, school.id, coach.user_id ?? "");
      else await coachesApi.revoke(api, school.id, coach.user_id ?? "");
      onChanged();
      setState({});
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }

  return (
    <Card
      title={coach.display_name ?? coach.email}
      testId="region-coach"
      actions={coach.active ? <Badge tone="good">{assigned.size} school{assigned.size === 1 ? "" : "s"}</Badge> : <Badge>Deactivated</Badge>}
    >
      <p className="muted small">{coach.email}</p>
      <fieldset className="checkbox-group" data-coach-id={coach.user_id}>
        <legend>Schools {coach.display_name} may observe at</legend>
        {schools.map((school) => (
          <label key={school.id} className="check">
            <input
              type="checkbox"
              checked={assigned.has(school.id)}
              disabled={!canChange || !coach.active || state.busy === school.id}
              onChange={(e) => toggle(school, e.target.checked)}
              data-testid="region-coach-school"
              data-school-id={school.id}
            />
            {school.name}
          </label>
        ))}
      </fieldset>
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </Card>
  );
}
