"use client";

import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import type { ViewMode } from "../values/value-viewer.tsx";

/** How an entry's value is shown: a large one loaded in full or not, and in which view. */
export interface EntryView {
  expanded: boolean;
  mode: ViewMode;
}
const initial: EntryView = { expanded: false, mode: "pretty" };

type Views = { get(id: string): EntryView; set(id: string, view: Partial<EntryView>): void };
const ViewsContext = createContext<Views | null>(null);

/**
 * Keeps each entry's view for as long as the context's page is open: the entry lists under the
 * type tabs unmount on a tab switch, this provider above them does not.
 */
export function EntryViewsProvider({ children }: { children: ReactNode }) {
  const [views, setViews] = useState<ReadonlyMap<string, EntryView>>(new Map());
  const get = useCallback((id: string) => views.get(id) ?? initial, [views]);
  const set = useCallback(
    (id: string, view: Partial<EntryView>) =>
      setViews((old) => new Map(old).set(id, { ...(old.get(id) ?? initial), ...view })),
    [],
  );
  return <ViewsContext.Provider value={{ get, set }}>{children}</ViewsContext.Provider>;
}

/** One entry's view and its setter; without a provider, the entry's own state. */
export function useEntryView(contextType: string, key: string): [EntryView, (view: Partial<EntryView>) => void] {
  const shared = useContext(ViewsContext);
  const [own, setOwn] = useState(initial);
  const id = `${contextType}\u0000${key}`;
  if (shared) return [shared.get(id), (view) => shared.set(id, view)];
  return [own, (view) => setOwn((old) => ({ ...old, ...view }))];
}
