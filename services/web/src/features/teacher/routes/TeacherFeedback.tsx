// /teacher: the walkthroughs of me that were shared with me, newest first, each with its
// look-fors, ratings and feedback, and my one acknowledgement or reply. Nothing else: no other
// teacher's data, no analytics.
import { useState } from "react";
import { PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { invalidate, useQuery } from "@/lib/use-query";
import { MAX_PAGE, PAGE_SIZE, walkthroughsApi } from "../api/walkthroughs";
import { FeedbackCard } from "../components/FeedbackCard";
import { awaitingCount } from "../lib/status";
import "../teacher.css";

export default function TeacherFeedback() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const key = `intake:teacher-feedback:${claims.sub}`;
  const list = useQuery(`${key}:${limit}`, () => walkthroughsApi.list(api, limit));
  const changed = () => {
    invalidate(key);
    list.reload();
  };

  return (
    <div className="page" data-testid="teacher-feedback">
      <PageHeader
        title="Feedback on your walkthroughs"
        description="The walkthroughs of your classroom that your observers shared with you, newest first. Acknowledge each one, and reply if you wish: your observer sees your answer."
      />
      <Async state={list} rows={5}>
        {({ items, total }) =>
          items.length === 0 ? (
            <EmptyState title="Nothing shared with you yet">
              When an observer shares a walkthrough of your classroom with you, its look-fors, ratings and feedback
              appear here.
            </EmptyState>
          ) : (
            <>
              <p className="lead" data-testid="feedback-summary" data-total={total} data-awaiting={awaitingCount(items)}>
                {total} walkthrough{total === 1 ? "" : "s"} shared with you
                {awaitingCount(items) > 0 ? `, ${awaitingCount(items)} awaiting your answer.` : ", all acknowledged."}
              </p>
              <div className="feedback-list">
                {items.map((w) => (
                  <FeedbackCard key={w.observation_id} walkthrough={w} onChanged={changed} />
                ))}
              </div>
              {items.length < total && (
                <button type="button" className="btn btn-secondary" onClick={() => setLimit((n) => Math.min(n + PAGE_SIZE, MAX_PAGE))} data-testid="feedback-more">
                  Show older walkthroughs
                </button>
              )}
            </>
          )
        }
      </Async>
    </div>
  );
}
