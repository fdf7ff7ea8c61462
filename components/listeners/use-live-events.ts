"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { appendEvents, emptyLog, releaseHeld, withCap, type EventLog, type EventRow } from "./event-log.ts";
import { liveEventSchema } from "./listener-schemas.ts";
import type { StreamFilter } from "./stream-params.ts";
import { loadStream, saveStream } from "./stream-storage.ts";

export type StreamState = "connecting" | "subscribing" | "live" | "reconnecting" | "failed";

export interface StreamNote {
  at: number;
  text: string;
}

type Ack = { subscriptionId?: string; error?: string };

// Events are applied to the page at most this often: one render per batch, not per event.
const FLUSH_MS = 100;
const NOTES_KEPT = 5;

/**
 * A live subscription on socket.io `/events` (same origin: the session cookie authenticates
 * the handshake) for one filter; mount it anew for another. It remembers the last revision seen
 * of each context, so after a reconnect or `lagged` it resubscribes with `resume` and loses
 * nothing of those contexts.
 *
 * Pausing keeps the subscription and holds new events back (at most `cap` of them) rather than
 * unsubscribing: `resume` replays only contexts already seen, so a paused unsubscribed page
 * would miss changes of any other context its filter passes.
 *
 * The rows and the revisions seen are kept in the tab's sessionStorage under `storageKey`: a
 * reload shows them again and resumes from them, so what changed meanwhile is replayed.
 * `includeCurrentState` begins a fresh stream with the matching contexts' current entries.
 */
export function useLiveEvents(
  filter: StreamFilter,
  initialCap: number,
  onSubscription?: (id: string) => void,
  { includeCurrentState = false, storageKey }: { includeCurrentState?: boolean; storageKey?: string } = {},
) {
  const [state, setState] = useState<StreamState>("connecting");
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<StreamNote[]>([]);
  // What this tab showed before a reload, read once.
  const [restored] = useState(() => (storageKey && typeof window !== "undefined" ? loadStream(storageKey) : null));
  const [log, setLog] = useState<EventLog>(() => (restored ? { ...emptyLog, rows: restored.rows } : emptyLog));
  const seenRef = useRef(new Map<string, number>(Object.entries(restored?.seen ?? {})));
  const [paused, setPaused] = useState(false);
  const [cap, setCapState] = useState(initialCap);
  const live = useRef({
    paused: false,
    cap: initialCap,
    incoming: [] as EventRow[],
    dropped: 0,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
    resumedAfterReload: false,
  });
  const socketRef = useRef<Socket | null>(null);
  const subscribeRef = useRef<() => void>(() => {});
  const onSubscriptionRef = useRef(onSubscription);
  // The filter of this mount: a new filter is a new mount (the page keys this by it).
  const [subscribed] = useState(filter);

  useEffect(() => {
    onSubscriptionRef.current = onSubscription;
  }, [onSubscription]);

  const flush = useCallback(() => {
    const l = live.current;
    clearTimeout(l.timer);
    l.timer = undefined;
    const batch = l.incoming;
    const { paused, cap, dropped } = l;
    l.incoming = [];
    l.dropped = 0;
    setLog((log) => appendEvents(log, batch, paused, cap, dropped));
  }, []);

  useEffect(() => {
    if (storageKey) saveStream(storageKey, log.rows, seenRef.current);
  }, [log, storageKey]);

  useEffect(() => {
    const l = live.current;
    const seen = seenRef.current;
    let subscriptionId: string | null = null;
    let seq = restored ? Math.max(0, ...restored.rows.map((r) => r.seq + 1)) : 0;
    // Snapshot events (includeCurrentState) come entry by entry, not in revision order: until
    // `snapshot-end` they are shown as they come, and the revisions seen are taken from it.
    let inSnapshot = false;
    const note = (text: string) => setNotes((n) => [{ at: Date.now(), text }, ...n].slice(0, NOTES_KEPT));
    const socket = io("/events", { withCredentials: true, transports: ["websocket"] });
    socketRef.current = socket;

    const subscribe = (resume?: Record<string, number>) => {
      subscriptionId = null;
      setState("subscribing");
      const resuming = resume !== undefined && Object.keys(resume).length > 0;
      // The current state only on a fresh start: a resume replays what changed instead.
      inSnapshot = includeCurrentState && !resuming;
      // A callback, not emitWithAck: it runs as the ack arrives, before the events that follow it.
      socket.emit(
        "subscribe",
        { filter: subscribed, ...(resuming && { resume }), ...(inSnapshot && { includeCurrentState: true }) },
        (answer: Ack) => {
          if (answer.error || !answer.subscriptionId) {
            setState("failed");
            setError(`The server refused the subscription: ${answer.error ?? "no subscription id"}`);
            return;
          }
          subscriptionId = answer.subscriptionId;
          setState("live");
          setError(null);
          onSubscriptionRef.current?.(answer.subscriptionId);
        },
      );
    };
    subscribeRef.current = () => subscribe(Object.fromEntries(seen));

    socket.on("connect", () => {
      if (restored && seq > 0 && !l.resumedAfterReload) {
        l.resumedAfterReload = true;
        note("Reloaded: the events shown before are kept, and what changed since was replayed.");
      } else if (seen.size)
        note(
          "Reconnected: resumed every context seen so far from its last revision; changes to other contexts while disconnected were not replayed.",
        );
      subscribe(Object.fromEntries(seen));
    });
    socket.on("disconnect", (reason) => {
      subscriptionId = null;
      if (reason === "io client disconnect") return;
      setState("reconnecting");
      note(`Disconnected (${reason}); reconnecting.`);
    });
    socket.on("connect_error", (err) => {
      // Refused by the server (not logged in, say): socket.io does not retry that on its own.
      setState(socket.active ? "reconnecting" : "failed");
      setError(`Could not connect: ${err.message}`);
    });
    socket.on("event", (raw: unknown) => {
      const parsed = liveEventSchema.safeParse(raw);
      if (!parsed.success || parsed.data.subscriptionId !== subscriptionId) return;
      const { subscriptionId: _, ...e } = parsed.data;
      if (!inSnapshot) {
        if ((seen.get(e.contextId) ?? -1) >= e.revision) return; // already shown, before a resume
        seen.set(e.contextId, e.revision);
      }
      l.incoming.push({ ...e, seq: seq++, receivedAt: Date.now() });
      // Between flushes (or in a background tab, where timers slow down) keep no more than the cap.
      if (l.incoming.length > 2 * l.cap) l.dropped += l.incoming.splice(0, l.incoming.length - l.cap).length;
      l.timer ??= setTimeout(flush, FLUSH_MS);
    });
    socket.on("snapshot-end", (m: { revisions?: Record<string, number> }) => {
      inSnapshot = false;
      for (const [id, revision] of Object.entries(m.revisions ?? {}))
        seen.set(id, Math.max(revision, seen.get(id) ?? -1));
    });
    socket.on("lagged", (m: { subscriptionId: string; resume: Record<string, number> }) => {
      if (m.subscriptionId !== subscriptionId) return;
      note(
        "This page fell behind and the server dropped its subscription; resubscribed from where it left off, nothing lost.",
      );
      for (const [id, revision] of Object.entries(m.resume)) seen.set(id, revision);
      subscribe(Object.fromEntries(seen));
    });
    socket.on("compacted", (m: { subscriptionId: string; contextId: string; earliest: number }) => {
      if (m.subscriptionId === subscriptionId)
        note(`Changes of ${m.contextId} before revision ${m.earliest} are no longer kept: some were missed.`);
    });
    socket.on("error", (m: { subscriptionId?: string; message?: string }) => {
      if (m.subscriptionId !== subscriptionId) return;
      setState("failed");
      setError(`The subscription failed: ${m.message ?? "unknown error"}`);
    });

    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      clearTimeout(l.timer);
      l.timer = undefined;
    };
    // The options are this mount's: a new filter or option is a new mount (keyed by the page).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [subscribed, flush]);

  /** Pausing applies what arrived so far first, so nothing received before the click is held back. */
  const togglePause = useCallback(() => {
    flush();
    const l = live.current;
    l.paused = !l.paused;
    setPaused(l.paused);
    if (!l.paused) setLog((log) => releaseHeld(log, l.cap));
  }, [flush]);

  const setCap = useCallback((cap: number) => {
    live.current.cap = cap;
    setCapState(cap);
    setLog((log) => withCap(log, cap));
  }, []);

  const clear = useCallback(() => {
    flush();
    setLog(emptyLog);
  }, [flush]);

  /** After a failure: connect again if the socket is down, else subscribe again. */
  const retry = useCallback(() => {
    const socket = socketRef.current;
    if (!socket) return;
    setError(null);
    if (socket.connected) subscribeRef.current();
    else {
      setState("connecting");
      socket.connect();
    }
  }, []);

  return { state, error, notes, log, paused, cap, togglePause, setCap, clear, retry };
}
