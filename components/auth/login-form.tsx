"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { isLocalPath } from "../../lib/auth/page-path.ts";

/** Credentials login; on success goes back to where the user was headed. */
export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    }).catch(() => null);
    setPending(false);
    if (!result || result.error) {
      setError(
        !result
          ? "The server could not be reached. Try again."
          : result.status === 429
            ? "Too many failed logins: this account or address is locked for a while. Try again later."
            : "Wrong user name or password.",
      );
      return;
    }
    const target = params.get("callbackUrl");
    router.replace(target && isLocalPath(target) ? target : "/");
    router.refresh();
  }

  return (
    <form className="login panel" onSubmit={onSubmit} aria-label="Log in">
      <h1>ContextService</h1>
      <label>
        User
        <input name="username" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
