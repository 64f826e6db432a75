// The teacher's one answer to a walkthrough: acknowledge it, with a reply if they wish. Once
// given it cannot be changed (intake answers 409), so the button says so before it is pressed.
import { useState, type FormEvent } from "react";
import { TextArea } from "@/components/ui/Form";
import { ApiError, describeError } from "@/lib/api/errors";
import { useApi } from "@/lib/app-context";
import { walkthroughsApi } from "../api/walkthroughs";

const MAX_REPLY = 2000;

export function AcknowledgeForm({ observationId, onDone }: { observationId: string; onDone: () => void }) {
  const api = useApi();
  const [reply, setReply] = useState("");
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reply.length > MAX_REPLY) {
      setState({ busy: false, error: `A reply has at most ${MAX_REPLY} characters.` });
      return;
    }
    setState({ busy: true });
    try {
      await walkthroughsApi.acknowledge(api, observationId, reply);
      onDone();
    } catch (e) {
      // Already answered (another tab, a retried request): show the answer that stands.
      if (e instanceof ApiError && e.status === 409) onDone();
      setState({ busy: false, error: describeError(e) });
    }
  }

  return (
    <form className="acknowledge-form" onSubmit={submit} data-testid="acknowledge-form">
      <TextArea
        label="Your reply (optional)"
        hint="Your observer and principal will see it. You can answer once."
        value={reply}
        rows={3}
        maxLength={MAX_REPLY}
        onChange={(e) => setReply(e.target.value)}
        data-testid="acknowledge-reply"
      />
      {state.error && (
        <p className="field-error" role="alert" data-testid="acknowledge-error">
          {state.error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={state.busy} data-testid="acknowledge-submit">
          {reply.trim() ? "Send reply and acknowledge" : "Acknowledge"}
        </button>
      </div>
    </form>
  );
}
