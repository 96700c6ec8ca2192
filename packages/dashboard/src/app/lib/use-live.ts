/**
 * The live view in real time: an EventSource on `/live/stream` (a snapshot at once, then one
 * on every change, at most 4 per second), falling back to polling `GET /live` every 2 s when the
 * stream fails — a proxy that buffers, too many tabs open (429), the server restarting. Polling
 * tries the stream again after RETRY_STREAM_MS. Paused: neither.
 */
import { useCallback, useEffect, useState } from "react";
import { api, sitePath } from "../api/client.ts";

export type LiveMode = "stream" | "poll" | "paused";

export interface Live<T> {
  data: T | undefined;
  error: Error | null;
  mode: LiveMode;
  reload: () => void;
}

export const POLL_MS = 2000;
const RETRY_STREAM_MS = 30_000;

/** `query`: the query string of GET /live (e.g. "limit=50"). */
export function useLive<T>(site: string, query: string, paused: boolean): Live<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [mode, setMode] = useState<"stream" | "poll">(
    typeof EventSource === "undefined" ? "poll" : "stream",
  );
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt forces a new stream
  useEffect(() => {
    if (paused || mode !== "stream") return;
    const es = new EventSource(sitePath(site, `/live/stream?${query}`));
    es.addEventListener("snapshot", (e) => {
      setData(JSON.parse((e as MessageEvent<string>).data) as T);
      setError(null);
    });
    // An error status (401, 429), a wrong content type or a dropped connection: poll instead.
    es.onerror = () => {
      es.close();
      setMode("poll");
    };
    return () => es.close();
  }, [site, query, paused, mode, attempt]);

  useEffect(() => {
    if (paused || mode !== "poll") return;
    const ctl = new AbortController();
    const load = () =>
      api<T>(sitePath(site, `/live?${query}`), { signal: ctl.signal }).then(
        (d) => {
          setData(d);
          setError(null);
        },
        (e: Error) => {
          if (!ctl.signal.aborted) setError(e);
        },
      );
    load();
    const poll = setInterval(load, POLL_MS);
    const retry = setTimeout(() => setMode("stream"), RETRY_STREAM_MS);
    return () => {
      ctl.abort();
      clearInterval(poll);
      clearTimeout(retry);
    };
  }, [site, query, paused, mode]);

  const reload = useCallback(() => {
    setMode(typeof EventSource === "undefined" ? "poll" : "stream");
    setAttempt((a) => a + 1);
  }, []);
  return { data, error, mode: paused ? "paused" : mode, reload };
}
