/**
 * Settings → Integrations: where ended sessions' summaries go (docs/product/activation.md#integrations). Everyone sees the
 * integrations, delivery metrics and dead letters; admins add, edit, test, pause, delete and
 * replay. Outcomes are announced (status for success, alert for failure).
 */
import { useId, useRef, useState } from "react";
import type { DeadLetter, Integration, DeliveryMetrics as Metrics } from "../../api/types.ts";
import { Card } from "../../components/Bits.tsx";
import { Async } from "../../components/Status.tsx";
import { useApi } from "../../lib/use-api.ts";
import { DeadLetters } from "./DeadLetters.tsx";
import { DeliveryMetrics } from "./DeliveryMetrics.tsx";
import { IntegrationForm } from "./IntegrationForm.tsx";
import { IntegrationList } from "./IntegrationList.tsx";
import type { RowActions } from "./IntegrationRow.tsx";
import {
  deleteIntegration,
  integrationsPath,
  replayDeadLetters,
  testIntegration,
  updateIntegration,
} from "./integrations-api.ts";
import { type TestOutcome, TestResult } from "./TestResult.tsx";

type Editing = { mode: "closed" } | { mode: "create" } | { mode: "edit"; integration: Integration };

export function IntegrationsSection(props: { site: string; canEdit: boolean }) {
  const { site, canEdit } = props;
  const list = useApi<Integration[]>(integrationsPath(site));
  const metrics = useApi<Metrics[]>(integrationsPath(site, "/metrics"));
  const dead = useApi<DeadLetter[]>(integrationsPath(site, "/dead-letters"));
  const [editing, setEditing] = useState<Editing>({ mode: "closed" });
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [replaying, setReplaying] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const ids = { delivery: useId(), dead: useId() };

  const reloadAll = () => {
    list.reload();
    metrics.reload();
    dead.reload();
  };
  const say = (text: string) => {
    setFailure(null);
    setNotice(text);
  };
  const fail = (e: unknown) => {
    setNotice(null);
    setFailure((e as Error).message);
  };
  const close = () => {
    setEditing({ mode: "closed" });
    // Back to where the form was opened from (the add button is always there for admins).
    requestAnimationFrame(() => addButton.current?.focus());
  };

  const actions: RowActions = {
    async test(i) {
      setTest(null);
      try {
        setTest({ name: i.name, answer: await testIntegration(site, i.id) });
      } catch (e) {
        setTest({ name: i.name, error: (e as Error).message });
      }
      metrics.reload();
    },
    async toggle(i) {
      try {
        await updateIntegration(site, i.id, { enabled: !i.enabled });
        say(`“${i.name}” is ${i.enabled ? "disabled" : "enabled"}.`);
      } catch (e) {
        fail(e);
      }
      list.reload();
    },
    edit(i) {
      setTest(null);
      setEditing({ mode: "edit", integration: i });
    },
    async remove(i) {
      try {
        await deleteIntegration(site, i.id);
        say(`“${i.name}” was deleted.`);
        addButton.current?.focus();
      } catch (e) {
        fail(e);
      }
      reloadAll();
    },
  };

  const replay = async (keys?: string[]) => {
    setReplaying(true);
    try {
      const { replayed } = await replayDeadLetters(site, keys);
      say(`${replayed} dead letter${replayed === 1 ? "" : "s"} sent again.`);
    } catch (e) {
      fail(e);
    } finally {
      setReplaying(false);
      reloadAll();
    }
  };

  const names = new Map((list.data ?? []).map((i) => [i.id, i.name]));

  return (
    <Card
      title="Integrations"
      className="integrations-card"
      actions={
        canEdit && (
          <button
            type="button"
            ref={addButton}
            className="btn btn-primary btn-small"
            aria-expanded={editing.mode === "create"}
            onClick={() => setEditing({ mode: "create" })}
          >
            Add integration
          </button>
        )
      }
    >
      <p className="muted small">
        Each ended session’s summary is delivered to these. Credentials are stored encrypted and
        never shown again.
        {!canEdit && " Only editors and admins can change integrations."}
      </p>
      <div role="status">{notice && <p className="note note-good">{notice}</p>}</div>
      {failure && (
        <p className="note note-error" role="alert">
          {failure}
        </p>
      )}
      <Async state={list} label="Loading integrations">
        {(items) => <IntegrationList items={items} canEdit={canEdit} actions={actions} />}
      </Async>
      <TestResult outcome={test} />
      {canEdit && editing.mode !== "closed" && (
        <IntegrationForm
          key={editing.mode === "edit" ? editing.integration.id : "new"}
          site={site}
          editing={editing.mode === "edit" ? editing.integration : null}
          onCancel={close}
          onSaved={(saved, created) => {
            say(`“${saved.name}” was ${created ? "added" : "saved"}.`);
            close();
            reloadAll();
          }}
        />
      )}
      <div className="integrations-delivery">
        <section aria-labelledby={ids.delivery}>
          <div className="section-head">
            <h3 id={ids.delivery}>Delivery</h3>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => {
                metrics.reload();
                dead.reload();
              }}
            >
              Refresh
            </button>
          </div>
          <Async state={metrics} label="Loading delivery metrics">
            {(rows) => <DeliveryMetrics rows={rows} />}
          </Async>
          <p className="hint">
            Delivered messages are counted until they are pruned (after 7 days by default).
          </p>
        </section>
        <section aria-labelledby={ids.dead}>
          <h3 id={ids.dead}>Dead letters</h3>
          <Async state={dead} label="Loading dead letters">
            {(rows) => (
              <DeadLetters
                rows={rows}
                names={names}
                canEdit={canEdit}
                busy={replaying}
                onReplay={(keys) => void replay(keys)}
              />
            )}
          </Async>
        </section>
      </div>
    </Card>
  );
}
