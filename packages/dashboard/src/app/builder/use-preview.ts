/**
 * Checks the draft through the API (debounced): a dry run of saving it — POST …/segments
 * (or PATCH …/segments/:id when editing) with ?dryRun=true: the save's validation and conflict
 * warnings, nothing stored — and the sessions estimate (POST …/segments/estimate).
 */
import { useEffect, useState } from "react";
import { ApiError, api, type Issue, seg, sitePath } from "../api/client.ts";
import type { Estimate, Preview, SavedSegment } from "../api/types.ts";

export interface DraftBody {
  id?: string;
  name?: string;
  description?: string;
  condition: unknown;
  method: string;
  priority: number;
  exclusiveGroup?: string;
}

/** Stand-ins while the draft has no name or id yet: neither is an error before saving. */
const DRAFT = { id: "draft-segment", name: "Draft" };

function dryRunOf(site: string, d: DraftBody, editId: string | undefined, signal: AbortSignal) {
  const fields = {
    name: d.name || DRAFT.name,
    ...(d.description ? { description: d.description } : {}),
    condition: d.condition,
    method: d.method,
    priority: d.priority,
  };
  if (editId)
    return api<SavedSegment>(sitePath(site, `/segments/${seg(editId)}?dryRun=true`), {
      method: "PATCH",
      body: { ...fields, exclusiveGroup: d.exclusiveGroup || null },
      signal,
    });
  return api<SavedSegment>(sitePath(site, "/segments?dryRun=true"), {
    method: "POST",
    body: {
      id: d.id || DRAFT.id,
      ...fields,
      ...(d.exclusiveGroup ? { exclusiveGroup: d.exclusiveGroup } : {}),
    },
    signal,
  });
}

/** A refusal of the draft (400, 409) as its errors, paths relative to the definition. */
async function refusals<T>(p: Promise<T>): Promise<{ value: T | null; errors: Issue[] }> {
  try {
    return { value: await p, errors: [] };
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 400 && e.status !== 409)) throw e;
    const issues = e.issues.map((i) => ({ ...i, path: i.path.replace(/^\/body/, "") }));
    if (e.status === 409) issues.push({ path: "/id", message: e.message });
    return { value: null, errors: issues.length > 0 ? issues : [{ path: "", message: e.message }] };
  }
}

async function check(
  site: string,
  d: DraftBody,
  editId: string | undefined,
  signal: AbortSignal,
): Promise<Preview> {
  const [saved, estimate] = await Promise.all([
    refusals(dryRunOf(site, d, editId, signal)),
    refusals(
      api<Estimate>(sitePath(site, "/segments/estimate"), {
        method: "POST",
        body: { condition: d.condition },
        signal,
      }),
    ),
  ]);
  const errors = [...saved.errors];
  for (const e of estimate.errors)
    if (!errors.some((x) => x.path === e.path && x.message === e.message)) errors.push(e);
  return { errors, warnings: saved.value?.warnings ?? [], estimate: estimate.value };
}

export function usePreview(site: string, draft: DraftBody, ready: boolean, editId?: string) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify(draft);

  useEffect(() => {
    if (!ready) return;
    const ctl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      check(site, JSON.parse(key) as DraftBody, editId, ctl.signal).then(
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
  }, [site, key, ready, editId]);

  return { preview, error, loading };
}
