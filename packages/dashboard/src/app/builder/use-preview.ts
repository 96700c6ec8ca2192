/** Checks the draft on the server (debounced): validation, conflict warnings and the estimate. */
import { useEffect, useState } from "react";
import { api, seg } from "../api/client.ts";
import type { Preview } from "../api/types.ts";

export interface DraftBody {
  id?: string;
  name?: string;
  condition: unknown;
  method: string;
  priority: number;
  exclusiveGroup?: string;
}

export function usePreview(site: string, draft: DraftBody, ready: boolean) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify(draft);

  useEffect(() => {
    if (!ready) return;
    const ctl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      api<Preview>(`/dashboard/api/sites/${seg(site)}/preview`, {
        method: "POST",
        body: { definition: JSON.parse(key) },
        signal: ctl.signal,
      }).then(
        (p) => {
          setPreview(p);
          setError(null);
          setLoading(false);
        },
        (e: Error) => {
          if (ctl.signal.aborted) return;
          setError(e);
          setLoading(false);
        },
      );
    }, 350);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [site, key, ready]);

  return { preview, error, loading };
}
