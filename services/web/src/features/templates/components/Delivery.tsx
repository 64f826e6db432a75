// Which districts and schools hold which version of a pushed template now.
import { Badge } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { useApi } from "@/lib/app-context";
import { formatDateTime } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { templatesApi, type Template } from "../api/templates";

interface Orgs {
  districts: { id: string; name: string }[];
  schools: { id: string; name: string; districtId: string }[];
}

export function Delivery({ template, orgs, version }: { template: Template; orgs: Orgs; version: string }) {
  const api = useApi();
  const id = template.template_id ?? "";
  const assignment = useQuery(template.assignment ? `templates:assignment:${id}:${version}` : null, () => templatesApi.assignment(api, id));
  if (!template.assignment) return <EmptyState title="Not pushed yet">Push a published version to see which districts and schools receive it.</EmptyState>;
  const versionNumber = (versionId?: string) => template.versions?.find((v) => v.version_id === versionId)?.version_number;
  return (
    <Async state={assignment} rows={3}>
      {(a) => {
        const receivers = a.receivers ?? [];
        if (!a.active || !receivers.length) return <EmptyState title="No one holds this template now">{a.active ? "No connected district is targeted." : "The push was withdrawn."}</EmptyState>;
        const districtRows = receivers.filter((r) => r.org_type === "district");
        return (
          <table className="data-table" data-testid="delivery-table">
            <caption className="visually-hidden">Districts and schools holding this template</caption>
            <thead>
              <tr>
                <th scope="col">District</th>
                <th scope="col">Version</th>
                <th scope="col">Schools holding it</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {districtRows.map((d) => {
                const schools = receivers.filter((r) => r.org_type === "school" && r.district_id === d.org_id);
                const names = schools.map((s) => orgs.schools.find((x) => x.id === s.org_id)?.name ?? "A school");
                const total = orgs.schools.filter((s) => s.districtId === d.org_id).length;
                return (
                  <tr key={d.org_id} data-testid="delivery-row" data-district={d.org_id} data-version={versionNumber(d.version_id)}>
                    <th scope="row">{orgs.districts.find((x) => x.id === d.org_id)?.name ?? "A district"}</th>
                    <td>v{versionNumber(d.version_id)} <Badge tone={d.locked ? "warn" : "info"}>{d.locked ? "Locked" : "Open"}</Badge></td>
                    <td>
                      <details>
                        <summary data-testid="delivery-schools">{schools.length}{total ? ` of ${total}` : ""} schools</summary>
                        <ul className="compact-list">{names.sort().map((n, i) => <li key={i}>{n}</li>)}</ul>
                      </details>
                    </td>
                    <td>{formatDateTime(d.assigned_at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      }}
    </Async>
  );
}
