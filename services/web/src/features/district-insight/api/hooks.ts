import { useApi, useRequiredSession } from "@/lib/app-context";
import { useQuery } from "@/lib/use-query";
import { insightApi, type CoverageQuery, type WalkthroughQuery } from "./insight";

function keyOf(name: string, query: object): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => [k, String(v)] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b));
  return `insight:${name}?${new URLSearchParams(entries).toString()}`;
}

export function useDirectory() {
  const api = useApi();
  const { claims } = useRequiredSession();
  return useQuery(`insight:directory:${claims.sub}`, () => insightApi.directory(api, claims));
}

export function useInsightSchools() {
  const api = useApi();
  const { claims } = useRequiredSession();
  return useQuery(`insight:schools:${claims.sub}`, () => insightApi.schools(api, claims));
}

export function useCoverage(query: CoverageQuery) {
  const api = useApi();
  return useQuery(keyOf("coverage", query), () => insightApi.coverage(api, query));
}

export function useWalkthroughs(query: WalkthroughQuery) {
  const api = useApi();
  return useQuery(keyOf("walkthroughs", query), () => insightApi.walkthroughs(api, query));
}

export function useWalkthrough(id: string) {
  const api = useApi();
  return useQuery(`insight:walkthrough:${id}`, () => insightApi.walkthrough(api, id));
}
