"use client";

import type { FormEvent } from "react";
import { useUrlParams } from "../url/use-url-params.ts";
import { listParamNames, timeRanges } from "./context-list-params.ts";

/** Filters and sort of the contexts list; applying them writes the URL, which the list reads. */
export function ContextFilters() {
  const { params, update } = useUrlParams();
  const range = timeRanges.find((r) => params.get(`${r.name}From`) || params.get(`${r.name}To`)) ?? timeRanges[0];

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const changes: Record<string, string> = Object.fromEntries(listParamNames.map((n) => [n, ""]));
    changes.user = field("user");
    changes.application = field("application");
    changes[`${field("range")}From`] = field("from");
    changes[`${field("range")}To`] = field("to");
    changes.sort = field("sort") === "createTime" ? "" : field("sort");
    changes.order = field("order") === "desc" ? "" : field("order");
    // New filters start at the first page, with the page size kept.
    changes.limit = params.get("limit") ?? "";
    changes.pages = "";
    update(changes);
  }

  return (
    // Keyed by the URL so going back or following a link shows that link's filters.
    <form key={params.toString()} className="panel filters" onSubmit={apply} aria-label="Filter contexts">
      <label>
        User
        <input name="user" defaultValue={params.get("user") ?? ""} />
      </label>
      <label>
        Application
        <input name="application" defaultValue={params.get("application") ?? ""} />
      </label>
      <label>
        Time
        <select name="range" defaultValue={range.name}>
          {timeRanges.map((r) => (
            <option key={r.name} value={r.name}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="datetime-local" step="1" name="from" defaultValue={params.get(`${range.name}From`) ?? ""} />
      </label>
      <label>
        To
        <input type="datetime-local" step="1" name="to" defaultValue={params.get(`${range.name}To`) ?? ""} />
      </label>
      <label>
        Sort by
        <select name="sort" defaultValue={params.get("sort") ?? "createTime"}>
          {timeRanges.map((r) => (
            <option key={r.sort} value={r.sort}>
              {r.label} time
            </option>
          ))}
          <option value="bytes">Memory (cached only)</option>
          <option value="accesses">Accesses (cached only)</option>
        </select>
      </label>
      <label>
        Order
        <select name="order" defaultValue={params.get("order") ?? "desc"}>
          <option value="desc">Newest / largest first</option>
          <option value="asc">Oldest / smallest first</option>
        </select>
      </label>
      <div className="row actions">
        <button type="submit">Apply</button>
        <button
          type="button"
          className="secondary"
          onClick={() => update({ ...Object.fromEntries(listParamNames.map((n) => [n, ""])), pages: "" })}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
