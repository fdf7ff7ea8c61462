"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { contextHref } from "../contexts/context-href.ts";

/** The header's "go to id" box: a context id pasted from a log or a ticket opens that context. */
export function GoToId() {
  const router = useRouter();
  function go(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const id = String(new FormData(form).get("id") ?? "").trim();
    if (!id) return;
    form.reset();
    router.push(contextHref(id));
  }
  return (
    <form className="go-to-id row" role="search" aria-label="Go to context" onSubmit={go}>
      <input
        name="id"
        aria-label="Context id"
        placeholder="Go to context id, e.g. 8-8--cs_1_devcs_1_dev42"
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="secondary">
        Go
      </button>
    </form>
  );
}
