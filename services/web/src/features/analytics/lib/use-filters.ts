import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { filtersFromQuery, filtersToQuery, withFilters, type Filters } from "./filters";

/** The filters of the current URL, and a setter that writes them back (replacing history, so
 * Back leaves the screen instead of undoing each filter). */
export function useFilters(): [Filters, (change: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromQuery(params), [params]);
  const set = useCallback(
    (change: Partial<Filters>) => setParams(filtersToQuery(withFilters(filters, change)), { replace: true }),
    [filters, setParams],
  );
  return [filters, set];
}
