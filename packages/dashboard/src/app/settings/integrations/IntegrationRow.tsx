/** One integration in the list; admins get its actions: test, enable/disable, edit, delete. */
import { useState } from "react";
import type { Integration } from "../../api/types.ts";
import { Badge } from "../../components/Bits.tsx";
import { dateTime } from "../../lib/format.ts";
import { ConfirmDelete } from "./ConfirmDelete.tsx";
import { destinationOf, kindLabel } from "./kinds.ts";

export interface RowActions {
  test: (i: Integration) => Promise<void>;
  toggle: (i: Integration) => Promise<void>;
  edit: (i: Integration) => void;
  remove: (i: Integration) => Promise<void>;
}

export function IntegrationRow(props: {
  integration: Integration;
  canEdit: boolean;
  actions: RowActions;
}) {
  const i = props.integration;
  // Disabled by delivery (the endpoint answered 410 Gone), not paused by a user.
  const gone = i.disabled ? i : null;
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const run = (what: string, fn: () => Promise<void>) => async () => {
    setBusy(what);
    try {
      await fn();
    } finally {
      setBusy(null);
    }
  };

  return (
    <tr data-testid={`integration-${i.id}`}>
      <th scope="row">{i.name}</th>
      <td>{kindLabel(i.kind)}</td>
      <td className="break">{destinationOf(i.kind, i.config)}</td>
      <td>
        {gone ? (
          <>
            <Badge tone="bad">stopped by the receiver</Badge>
            <span className="hint" data-testid={`disabled-reason-${i.id}`}>
              {" "}
              {gone.disabledReason ?? "disabled by delivery"}. Enable or save it to send again; its
              dead letters can then be replayed.
            </span>
          </>
        ) : i.enabled ? (
          <Badge tone="good">enabled</Badge>
        ) : (
          <Badge>disabled</Badge>
        )}
      </td>
      <td>{dateTime(i.updatedAt)}</td>
      {props.canEdit && (
        <td className="row-actions">
          {confirming ? (
            <ConfirmDelete
              name={i.name}
              onConfirm={() => void run("delete", () => props.actions.remove(i))()}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <>
              <button
                type="button"
                className="btn btn-small"
                disabled={busy !== null}
                aria-label={`Send test to ${i.name}`}
                onClick={run("test", () => props.actions.test(i))}
              >
                {busy === "test" ? "Sending…" : "Send test"}
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={busy !== null}
                aria-label={`${i.enabled ? "Disable" : "Enable"} ${i.name}`}
                onClick={run("toggle", () => props.actions.toggle(i))}
              >
                {i.enabled ? "Disable" : "Enable"}
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={busy !== null}
                aria-label={`Edit ${i.name}`}
                onClick={() => props.actions.edit(i)}
              >
                Edit
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger"
                disabled={busy !== null}
                aria-label={`Delete ${i.name}`}
                onClick={() => setConfirming(true)}
              >
                Delete
              </button>
            </>
          )}
        </td>
      )}
    </tr>
  );
}
