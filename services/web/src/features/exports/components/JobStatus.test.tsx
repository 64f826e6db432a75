import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ExportJob } from "../api/exports";
import { FailedFormats, StatusBadge } from "./JobStatus";

function job(over: Partial<ExportJob>): ExportJob {
  return { status: "succeeded", failed_formats: [], files: [] , ...over } as unknown as ExportJob;
}

describe("export job status", () => {
  it("calls a job with a format that failed partly ready and names the format and reason", () => {
    const partial = job({ failed_formats: [{ format: "pdf", error: "the chart renderer ran out of memory" }] });
    render(<><StatusBadge job={partial} /><FailedFormats job={partial} /></>);
    expect(screen.getByText("Partly ready")).toBeTruthy();
    expect(screen.getByText(/PDF report could not be built: the chart renderer ran out of memory/)).toBeTruthy();
  });

  it("calls a fully built job ready and lists no failures", () => {
    const { container } = render(<><StatusBadge job={job({})} /><FailedFormats job={job({})} /></>);
    expect(screen.getByText("Ready")).toBeTruthy();
    expect(container.querySelector("[data-testid=export-failed-formats]")).toBeNull();
  });
});
