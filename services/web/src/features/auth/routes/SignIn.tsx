// Sign-in with tenancy's token endpoint. Wrong email or password read the same (tenancy answers
// both with one 401); a lockout says how long to wait.
import { useEffect, useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { homeFor } from "@/app/navigation";
import { useDocumentTitle } from "@/components/ui/Layout";
import { useApi, useSession } from "@/lib/app-context";
import { safeNext } from "@/lib/auth/redirect";
import { sessionStore } from "@/lib/auth/session-store";

const REASONS: Record<string, string> = {
  expired: "Your session ended. Sign in again to continue where you were.",
  "signed-out": "You have signed out.",
};

export default function SignIn() {
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const reason = REASONS[params.get("reason") ?? ""];
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => sessionStore.acknowledgeEnd(), []);
  useDocumentTitle("Sign in");

  if (session && !busy) return <Navigate to={next ?? homeFor(session.claims.role)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data, response } = await api.tenancy.POST("/v1/auth/token", { body: { email, password } });
      if (!response.ok || !data?.access_token) {
        setError(
          response.status === 429
            ? `Too many attempts. Wait ${response.headers.get("Retry-After") ?? "a few"} seconds, then try again.`
            : response.status === 401 || response.status === 422
              ? "That email and password do not match an account. Check both and try again."
              : "Canopy could not sign you in right now. Try again in a minute.",
        );
        return;
      }
      const started = sessionStore.signIn(data.access_token);
      if (!started) {
        setError("Canopy could not read your sign-in. Ask your administrator to check your account.");
        return;
      }
      navigate(next ?? homeFor(started.claims.role), { replace: true });
    } catch {
      setError("Canopy could not be reached. Check your connection, then try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin-page">
      <main className="signin-card" id="main">
        <div className="brand brand-large">
          <svg width="40" height="40" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#1d4e46" /><path d="M16 6c-5 0-9 3.6-9 8.2 0 3.3 2.2 5.6 5.6 6.2V26h6.8v-5.6c3.4-.6 5.6-2.9 5.6-6.2C25 9.6 21 6 16 6z" fill="#9fd8c4" /></svg>
          <span>Canopy</span>
        </div>
        <h1>Sign in</h1>
        <p className="muted">Classroom walkthrough trends for your network: trends, not names.</p>
        {reason && <p className="notice" role="status" data-testid="signin-reason">{reason}</p>}
        <form onSubmit={submit} noValidate data-testid="signin-form">
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="signin-email" />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="signin-password" />
          </div>
          {error && <p className="field-error" role="alert" data-testid="signin-error">{error}</p>}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy || !email || !password} data-testid="signin-submit">
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <p className="muted small signin-help">Forgotten your password? Your organisation's Canopy administrator can set a new one.</p>
      </main>
    </div>
  );
}
