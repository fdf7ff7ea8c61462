"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "../api/fetch-json.ts";
import { nodesSchema } from "./nodes-schema.ts";

// Nodes announce themselves every few seconds; refreshing faster would show nothing new.
const REFRESH_MS = 5000;

/** The service's nodes as the answering node sees them, refreshed every 5 s. */
export const useNodes = () =>
  useQuery({
    queryKey: ["nodes"],
    queryFn: () => fetchJson("/api/v1/nodes", nodesSchema),
    refetchInterval: REFRESH_MS,
  });
