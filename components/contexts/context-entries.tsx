"use client";

import { useUrlParams } from "../url/use-url-params.ts";
import { contextTypes } from "../../client/contract/context-kinds.ts";
import { EntryList } from "./entry-list.tsx";
import { EntryViewsProvider } from "./entry-views.tsx";
import { FocusedEntry } from "./focused-entry.tsx";
import { KEY_FILTER, KeyFilter } from "./key-filter.tsx";

const typeOrder = (t: string) => (contextTypes as readonly string[]).indexOf(t);

/** The tab an arrow, Home or End key moves to from `current`, wrapping around; null for other keys. */
function tabAfterKey(key: string, tabs: string[], current: string): string | null {
  const at = tabs.indexOf(current);
  const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
  const to = moves[key];
  return to === undefined ? null : tabs[(to + tabs.length) % tabs.length]!;
}

/**
 * A context's entries, one tab per type that has any, filtered by key; the chosen tab, entry and
 * filter live in the URL, how each value is shown in the provider above the tabs.
 */
export function ContextEntries({ contextId, counts }: { contextId: string; counts: Record<string, number> }) {
  const { params, update } = useUrlParams();
  const types = Object.keys(counts).sort((a, b) => typeOrder(a) - typeOrder(b));
  const wanted = params.get("type");
  const selected = wanted && types.includes(wanted) ? wanted : types[0];
  const focusedKey = params.get("key");
  const keyFilter = params.get(KEY_FILTER) ?? "";
  return (
    <EntryViewsProvider>
      {wanted && focusedKey && <FocusedEntry contextId={contextId} contextType={wanted} entryKey={focusedKey} />}
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">Entries</h2>
        {!selected ? (
          <p className="muted">This context has no entries.</p>
        ) : (
          <>
            <div
              role="tablist"
              aria-label="Entry types"
              className="tabs"
              onKeyDown={(e) => {
                // From the focused tab: the URL (and so `selected`) may not have caught up with a fast key.
                const next = tabAfterKey(e.key, types, (e.target as HTMLElement).dataset.type ?? selected);
                if (!next) return;
                e.preventDefault();
                update({ type: next, key: null }, "replace");
                document.getElementById(`tab-${next}`)?.focus();
              }}
            >
              {types.map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  id={`tab-${t}`}
                  data-type={t}
                  aria-selected={t === selected}
                  aria-controls="entries-panel"
                  // One tab stop for the whole list; arrows move within it (WAI-ARIA tabs pattern).
                  tabIndex={t === selected ? 0 : -1}
                  className="tab"
                  onClick={() => update({ type: t, key: null }, "replace")}
                >
                  {t} ({counts[t]})
                </button>
              ))}
            </div>
            <div role="tabpanel" id="entries-panel" aria-labelledby={`tab-${selected}`}>
              <KeyFilter />
              <EntryList contextId={contextId} contextType={selected} keyContains={keyFilter} />
            </div>
          </>
        )}
      </section>
    </EntryViewsProvider>
  );
}
