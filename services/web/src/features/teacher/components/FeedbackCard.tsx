// One walkthrough as its teacher reads it: when, where, with which template; the look-fors and
// ratings; the observer's feedback; and the teacher's acknowledgement or the form to give it.
import { Badge, Card } from "@/components/ui/Layout";
import { formatDate } from "@/lib/format";
import type { Walkthrough } from "../api/walkthroughs";
import { overallFeedback } from "../lib/status";
import { AcknowledgeForm } from "./AcknowledgeForm";
import { Ratings } from "./Ratings";

export function subjectLabel(subject: string | undefined): string {
  if (!subject) return "–";
  const words = subject.replace(/_/g, " ");
  return subject === "ela" ? "ELA" : subject === "cte" ? "CTE" : words.charAt(0).toUpperCase() + words.slice(1);
}

export function FeedbackCard({ walkthrough, onChanged }: { walkthrough: Walkthrough; onChanged: () => void }) {
  const w = walkthrough;
  const feedback = overallFeedback(w);
  const title = `${formatDate(w.observed_on)} · ${subjectLabel(w.subject)}, grade ${w.grade_level ?? "–"}`;
  return (
    <Card
      title={title}
      testId="feedback-card"
      className="feedback-card"
      actions={w.acknowledgement ? <Badge tone="good">Acknowledged</Badge> : <Badge tone="warn">Awaiting your answer</Badge>}
    >
      <div data-observation-id={w.observation_id} data-testid="feedback-walkthrough" data-acknowledged={w.acknowledgement ? "true" : "false"}>
        <dl className="facts">
          <div><dt>School</dt><dd>{w.school_name ?? "–"}</dd></div>
          <div><dt>Template</dt><dd>{w.template_title ?? "–"}</dd></div>
          <div><dt>Length</dt><dd>{w.duration_minutes ?? "–"} minutes</dd></div>
        </dl>
        <Ratings walkthrough={w} />
        <h3 className="feedback-heading">Feedback</h3>
        <p data-testid="feedback-text" className={feedback ? "feedback-text" : "muted"}>
          {feedback ?? "Your observer left no overall note for this visit."}
        </p>
        {w.acknowledgement ? (
          <div className="notice notice-good" data-testid="acknowledgement">
            You acknowledged this on {formatDate(w.acknowledgement.acknowledged_at)}.
            {w.acknowledgement.reply && (
              <>
                {" "}Your reply: <q data-testid="acknowledgement-reply">{w.acknowledgement.reply}</q>
              </>
            )}
          </div>
        ) : (
          <AcknowledgeForm observationId={w.observation_id ?? ""} onDone={onChanged} />
        )}
      </div>
    </Card>
  );
}
