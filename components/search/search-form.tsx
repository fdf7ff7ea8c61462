"use client";

import type { FormEvent } from "react";
import { contextScopes, contextTypes } from "../../client/contract/context-kinds.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import { matchModes } from "./match-modes.ts";

/** Text, match, type and scope of a search; searching writes them to the URL (a shareable link). */
export function SearchForm() {
  const { params, update } = useUrlParams();

  function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    update({
      q: String(form.get("q") ?? "").trim(),
      match: form.get("match") === matchModes[0].value ? "" : String(form.get("match") ?? ""),
      type: String(form.get("type") ?? ""),
      scope: String(form.get("scope") ?? ""),
    });
  }

  return (
    <form key={params.toString()} className="panel filters" onSubmit={search} role="search" aria-label="Search entries">
      <label>
        Key or keyword
        <input name="q" required defaultValue={params.get("q") ?? ""} placeholder="e.g. part of a table name" />
      </label>
      <label>
        Match
        <select name="match" defaultValue={params.get("match") ?? matchModes[0].value}>
          {matchModes.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Type
        <select name="type" defaultValue={params.get("type") ?? ""}>
          <option value="">Any type</option>
          {contextTypes.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Scope
        <select name="scope" defaultValue={params.get("scope") ?? ""}>
          <option value="">Any scope</option>
          {contextScopes.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <div className="row actions">
        <button type="submit">Search</button>
      </div>
    </form>
  );
}
