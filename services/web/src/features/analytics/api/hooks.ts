import { useApi } from "@/lib/app-context";
import { useQuery } from "@/lib/use-query";
import { analyticsApi, listSchools } from "./analytics";

export function useSummary() {
  const api = useApi();
  return useQuery("analytics:summary", () => analyticsApi.summary(api));
}

export function usePrivacyRule() {
  const api = useApi();
  return useQuery("analytics:privacy-rule", () => analyticsApi.privacyRule(api));
}

export function useSchools(districtId: string | undefined) {
  const api = useApi();
  return useQuery(districtId ? `tenancy:schools:${districtId}` : null, () => listSchools(api, districtId ?? ""));
}
