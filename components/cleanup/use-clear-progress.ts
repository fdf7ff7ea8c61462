"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import { fetchJson } from "../api/fetch-json.ts";
import { clearJobSchema, jobListSchema, type ClearJob } from "./cleanup-schemas.ts";
import { latestJobState } from "./latest-job-state.ts";

export const POLL_MS = 2000;
const JOBS_KEY = ["cleanup-jobs"];

/**
 * Follows a clear job: `cleanup-progress` events on socket.io `/events` (the session cookie
 * authenticates the handshake; admins' sockets get them without subscribing), and while the
 * socket is down, GET /api/v1/cleanup/jobs every 2 s. The socket is opened on mount, before
 * any job starts, so no early event of a job is missed.
 */
export function useClearProgress(started: ClearJob | null) {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [socketError, setSocketError] = useState<string | null>(null);
  const [events, setEvents] = useState<Record<number, ClearJob>>({});

  useEffect(() => {
    const socket = io("/events", { withCredentials: true, transports: ["websocket"] });
    socket.on("connect", () => {
      setConnected(true);
      setSocketError(null);
      // Events sent while it was down are gone: read the jobs once to catch up.
      void queryClient.invalidateQueries({ queryKey: JOBS_KEY });
    });
    socket.on("disconnect", () => setConnected(false));
    socket.on("connect_error", (err) => {
      setConnected(false);
      setSocketError(err.message);
    });
    socket.on("cleanup-progress", (raw: unknown) => {
      const parsed = clearJobSchema.safeParse(raw);
      if (parsed.success)
        setEvents((seen) => ({ ...seen, [parsed.data.id]: latestJobState(seen[parsed.data.id], parsed.data)! }));
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [queryClient]);

  const fromEvents = started ? events[started.id] : undefined;
  const running = started !== null && latestJobState(started, fromEvents)?.status === "running";
  const poll = useQuery({
    queryKey: JOBS_KEY,
    queryFn: () => fetchJson("/api/v1/cleanup/jobs", jobListSchema),
    enabled: running,
    refetchInterval: connected ? false : POLL_MS,
    staleTime: 0,
  });
  const fromPoll = started ? poll.data?.items.find((j) => j.id === started.id) : undefined;
  return {
    job: started ? latestJobState(started, fromEvents, fromPoll) : undefined,
    connected,
    socketError,
    pollError: poll.error,
  };
}
