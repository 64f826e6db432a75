// Who made their own copy of this template: a region sees which connected districts and
// schools adapted its standard, from which version, and whether they have published their own.
import { Badge } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { useApi } from "@/lib/app-context";
import { formatDateTime } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { templatesApi, type Fork, type Template } from "../api/templates";

export function Forks({ template, districtName }: { template: Template; districtName: (id: string) => string }) {
  const api = useApi();
  const id = template.template_id ?? "";
  const forks = useQuery(`templates:forks:${id}`, () => templatesApi.forks(api, id));
  return (
    <Async state={forks} rows={2}>
      {(list) =>
        list.length === 0 ? (
          <EmptyState title="No one has forked this template">
            {template.assignment?.active && !template.assignment.locked
              ? "Districts and schools that received this open version may fork it into a template of their own; their copies appear here."
              : "Only an open push can be forked: a locked push is the required standard."}
          </EmptyState>
        ) : (
          <table className="data-table" data-testid="fork-table">
            <caption className="visually-hidden">Districts and schools that forked this template</caption>
            <thead>
              <tr>
                <th scope="col">Forked by</th>
                <th scope="col">Their title</th>
                <th scope="col">From version</th>
                <th scope="col">Their versions</th>
                <th scope="col">Forked</th>
              </tr>
            </thead>
            <tbody>
              {list.map((f) => (
                <tr key={f.template_id} data-testid="fork-row" data-owner={f.owner_id} data-from-version={f.forked_from_version_number ?? ""}>
                  <th scope="row">
                    {f.owner_name}
                    <div className="muted small">{ownerLine(f, districtName)}</div>
                  </th>
                  <td>{f.title}</td>
                  <td>v{f.forked_from_version_number ?? "?"}</td>
                  <td>{f.latest_version_number ? <Badge tone="info">v{f.latest_version_number} published</Badge> : <Badge>Draft only</Badge>}</td>
                  <td>{formatDateTime(f.forked_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Async>
  );
}

function ownerLine(fork: Fork, districtName: (id: string) => string): string {
  return fork.owner_type === "school" ? `School in ${districtName(fork.district_id ?? "")}` : "District";
}
