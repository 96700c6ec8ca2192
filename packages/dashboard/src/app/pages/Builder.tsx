/**
 * The segment builder: start blank or from a segment, build the condition visually (or as JSON),
 * watch the estimate and conflicts, then save (a new custom segment, or a new version).
 */

import type { SegmentList } from "@intently/api-contract";
import { useEffect, useMemo, useState } from "react";
import { ApiError, api, seg, sitePath } from "../api/client.ts";
import type { SavedSegment, Site } from "../api/types.ts";
import { BuilderMeta, type Meta } from "../builder/BuilderMeta.tsx";
import { ConditionSection } from "../builder/ConditionSection.tsx";
import { PreviewPanel } from "../builder/PreviewPanel.tsx";
import { SaveBar } from "../builder/SaveBar.tsx";
import { StartFrom } from "../builder/StartFrom.tsx";
import { usePreview } from "../builder/use-preview.ts";
import { Async } from "../components/Status.tsx";
import { dataPoint } from "../lib/catalogue.ts";
import {
  type Group,
  group,
  incompleteRules,
  parseRoot,
  rule,
  toCondition,
} from "../lib/condition-tree.ts";
import { namer } from "../lib/namer.ts";
import { paths } from "../lib/paths.ts";
import { sentence } from "../lib/sentence.ts";
import { useApi, useTitle } from "../lib/use-api.ts";
import { navigate, useLocation } from "../router.tsx";

const EMPTY: Meta = {
  id: "",
  idTouched: false,
  name: "",
  description: "",
  method: "in-flight",
  priority: 0,
  exclusiveGroup: "",
};
const typeOf = (f: string) => dataPoint(f)?.type ?? (f.startsWith("props.") ? "string" : undefined);

export function Builder({ site, editId }: { site: Site; editId?: string }) {
  useTitle(editId ? "Edit segment" : "Segment builder");
  const { query } = useLocation();
  const from = query.get("from");
  const list = useApi<SegmentList>(sitePath(site.id, "/segments"));
  const [meta, setMeta] = useState<Meta>(EMPTY);
  const [tree, setTree] = useState<Group>(() => group("and", [rule()]));
  const [raw, setRaw] = useState<unknown>(null);
  const [view, setView] = useState<"visual" | "json">("visual");
  const [seeded, setSeeded] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);

  const start = (source: string | null, data: SegmentList, edit: boolean) => {
    const fw = data.framework.find((f) => f.id === source);
    const cu = data.custom.find((c) => c.id === source);
    setRaw(null);
    if (fw) {
      setTree(group("and", [rule("segment", "eq", fw.id)]));
      setMeta({ ...EMPTY, name: "", description: "" });
    } else if (cu) {
      const parsed = parseRoot(cu.condition, typeOf);
      setTree(parsed ?? group("and"));
      if (!parsed) {
        setRaw(cu.condition);
        setView("json");
      }
      setMeta(
        edit
          ? {
              id: cu.id,
              idTouched: true,
              name: cu.name,
              description: cu.description ?? "",
              method: cu.method,
              priority: cu.priority,
              exclusiveGroup: cu.exclusiveGroup ?? "",
            }
          : { ...EMPTY, name: `${cu.name} (copy)`, method: cu.method, priority: cu.priority },
      );
    } else {
      setTree(group("and", [rule()]));
      setMeta(EMPTY);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: seeds once, when the list arrives
  useEffect(() => {
    if (!list.data || seeded) return;
    start(editId ?? from, list.data, editId !== undefined);
    setSeeded(true);
  }, [list.data, seeded, editId, from]);

  const condition = raw ?? toCondition(tree, typeOf);
  const incomplete = raw ? [] : incompleteRules(tree, typeOf);
  const draft = {
    ...(meta.id ? { id: meta.id } : {}),
    ...(meta.name ? { name: meta.name } : {}),
    ...(meta.description.trim() ? { description: meta.description.trim() } : {}),
    condition,
    method: meta.method,
    priority: meta.priority,
    ...(meta.exclusiveGroup ? { exclusiveGroup: meta.exclusiveGroup } : {}),
  };
  const preview = usePreview(site.id, draft, seeded, editId);
  // An empty condition matches every session, so the API finds it "conflicting" with every live
  // segment: nothing to warn about before the first condition exists (issue 20, item 11).
  const empty = Object.keys(condition as object).length === 0;
  const checks = empty && preview.preview ? { ...preview.preview, warnings: [] } : preview.preview;
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of [...(list.data?.framework ?? []), ...(list.data?.custom ?? [])])
      m.set(s.id, s.name);
    return m;
  }, [list.data]);

  const save = async () => {
    const local: Record<string, string> = {};
    if (!meta.name.trim()) local.name = "Give the segment a name.";
    if (!editId && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(meta.id))
      local.id = "Use lowercase letters, digits and dashes.";
    setErrors(local);
    if (Object.keys(condition as object).length === 0)
      return setSaveError("Add at least one condition.");
    if (incomplete.length > 0)
      return setSaveError("Complete or remove the conditions without a value.");
    if (Object.keys(local).length > 0) return setSaveError("Fix the highlighted fields.");
    setSaveError(null);
    const body = {
      name: meta.name.trim(),
      ...(meta.description.trim() ? { description: meta.description.trim() } : {}),
      condition,
      method: meta.method,
      priority: meta.priority,
    };
    try {
      if (editId) {
        await api<SavedSegment>(sitePath(site.id, `/segments/${seg(editId)}`), {
          method: "PATCH",
          body: { ...body, exclusiveGroup: meta.exclusiveGroup || null },
        });
        navigate(paths.segment(site.id, editId));
      } else {
        const saved = await api<SavedSegment>(sitePath(site.id, "/segments"), {
          method: "POST",
          body: {
            id: meta.id,
            ...body,
            ...(meta.exclusiveGroup ? { exclusiveGroup: meta.exclusiveGroup } : {}),
          },
        });
        navigate(`${paths.library(site.id)}?saved=${encodeURIComponent(saved.segment.id)}`);
      }
    } catch (e) {
      const fieldErrors: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const i of e.issues) {
          const k = i.path.split("/")[2] ?? "";
          if (k && k !== "condition") fieldErrors[k] = i.message;
        }
        if (e.status === 409) fieldErrors.id = e.message;
      }
      setErrors(fieldErrors);
      setSaveError((e as Error).message);
    }
  };

  const applyJson = (c: unknown): string | null => {
    if (c === null || typeof c !== "object" || Array.isArray(c))
      return "The condition must be a JSON object.";
    const parsed = parseRoot(c, typeOf);
    setRaw(parsed ? null : c);
    if (parsed) setTree(parsed);
    return null;
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{editId ? `Edit “${meta.name || editId}”` : "Segment builder"}</h1>
          <p className="muted">
            Build a segment on any data point; it is live in the engine as soon as it is saved.
          </p>
        </div>
      </div>
      <Async state={list} label="Loading segments">
        {(data) => (
          <div className="builder">
            <div className="builder-main">
              {!editId && (
                <StartFrom list={data} initial={from} onStart={(id) => start(id, data, false)} />
              )}
              <section className="card" aria-labelledby="segment-details">
                <h2 id="segment-details">Details</h2>
                <BuilderMeta
                  meta={meta}
                  onChange={setMeta}
                  editing={editId !== undefined}
                  errors={errors}
                />
              </section>
              <ConditionSection
                tree={tree}
                onTree={setTree}
                raw={raw}
                view={view}
                onView={setView}
                condition={condition}
                onApplyJson={applyJson}
                suggestions={preview.preview?.estimate?.suggestions ?? {}}
              />
            </div>
            <aside className="builder-side" aria-label="Checks and saving">
              <section className="card">
                <h2>In words</h2>
                <p className="sentence" data-testid="builder-sentence">
                  {sentence(condition, namer(site.settings.currency ?? "GBP"))}
                </p>
              </section>
              <PreviewPanel
                preview={checks}
                empty={empty}
                loading={preview.loading}
                error={preview.error}
                names={names}
              />
              <SaveBar
                warnings={checks?.warnings.length ?? 0}
                error={saveError}
                editing={editId !== undefined}
                onSave={save}
                onCancel={() =>
                  navigate(editId ? paths.segment(site.id, editId) : paths.library(site.id))
                }
              />
            </aside>
          </div>
        )}
      </Async>
    </div>
  );
}
