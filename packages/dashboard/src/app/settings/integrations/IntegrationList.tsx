/** The site's integrations as a table (secrets never shown: the API only answers "[redacted]"). */
import type { Integration } from "../../api/types.ts";
import { IntegrationRow, type RowActions } from "./IntegrationRow.tsx";

export function IntegrationList(props: {
  items: Integration[];
  canEdit: boolean;
  actions: RowActions;
}) {
  if (props.items.length === 0) return <p className="muted">No integrations yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table integrations-table">
        <caption className="sr-only">Integrations of this site</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Destination</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
            {props.canEdit && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <IntegrationRow
              key={i.id}
              integration={i}
              canEdit={props.canEdit}
              actions={props.actions}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
