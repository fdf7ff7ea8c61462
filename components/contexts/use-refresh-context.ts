import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

/** After an admin action: refetch the context's page (fields, counts) and every list shown. */
export function useRefreshContext(contextId: string) {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["context", contextId] }),
      queryClient.invalidateQueries({ queryKey: ["paged"] }),
    ]);
  }, [queryClient, contextId]);
}
