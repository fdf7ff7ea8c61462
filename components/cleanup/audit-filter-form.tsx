"use client";

import { useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { z } from "zod";
import { fetchJson } from "../api/fetch-json.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import { auditFilterNames, outcomeLabel, urlName } from "./audit-filters.ts";

const facetsSchema = z.object({ actions: z.array(z.string()), actors: z.array(z.string()) });
const outcomes = ["ok", "refused", "failed", "dry-run", "running"];
const none = Object.fromEntries(auditFilterNames.map((n) => [urlName(n), ""]));

/** The audit log's filters: action, who, outcome and a time range; applying them writes the URL. */
export function AuditFilterForm() {
  const { params, update } = useUrlParams();
  const facets = useQuery({
    queryKey: ["audit-facets"],
    queryFn: () => fetchJson("/api/v1/audit/facets", facetsSchema),
  });
  const current = (name: (typeof auditFilterNames)[number]) => params.get(urlName(name)) ?? "";

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    update(Object.fromEntries(auditFilterNames.map((n) => [urlName(n), String(form.get(n) ?? "").trim()])), "replace");
  }

  return (
    // Keyed by the URL so going back or following a link shows that link's filters.
    <form key={params.toString()} className="panel filters" onSubmit={apply} aria-label="Filter the audit log">
      <Choice label="Action" name="action" chosen={current("action")} values={facets.data?.actions} />
      <Choice label="Who" name="actor" chosen={current("actor")} values={facets.data?.actors} />
      <Choice label="Outcome" name="outcome" chosen={current("outcome")} values={outcomes} />
      <label>
        From
        <input type="datetime-local" step="1" name="from" defaultValue={current("from")} />
      </label>
      <label>
        To
        <input type="datetime-local" step="1" name="to" defaultValue={current("to")} />
      </label>
      <div className="row actions">
        <button type="submit">Filter</button>
        <button type="button" className="secondary" onClick={() => update(none, "replace")}>
          Clear
        </button>
      </div>
    </form>
  );
}

/** A select of the given values (the URL's choice kept even when the values have not arrived) or any. */
function Choice({ label, name, chosen, values }: { label: string; name: string; chosen: string; values?: string[] }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={chosen}>
        <option value="">any</option>
        {[...new Set([...(chosen ? [chosen] : []), ...(values ?? [])])].map((v) => (
          <option key={v} value={v}>
            {outcomeLabel[v] ?? v}
          </option>
        ))}
      </select>
    </label>
  );
}
