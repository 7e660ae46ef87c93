import type { IncidentStatus } from "@/lib/reports/model";

/** How each filing status reads in the UI, in workflow order. */
export const STATUS_LABELS: Record<IncidentStatus, string> = {
  draft: "Draft",
  preliminary_filed: "Preliminary filed",
  full_filed: "Full report filed",
  closure_requested: "Closure requested",
  closed: "Closed",
};

/** The statuses as `<option>`s, in workflow order. */
export function StatusOptions() {
  return Object.entries(STATUS_LABELS).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
