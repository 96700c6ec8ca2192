/** Every saved version of a custom segment: who changed what, when. */
import { seg, sitePath } from "../api/client.ts";
import type { CustomSegmentView } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { Async } from "../components/Status.tsx";
import { dateTime } from "../lib/format.ts";
import { useApi } from "../lib/use-api.ts";

function changes(v: CustomSegmentView, prev: CustomSegmentView | undefined): string {
  if (!prev) return "Created";
  const out: string[] = [];
  if (v.name !== prev.name) out.push("name");
  if ((v.description ?? "") !== (prev.description ?? "")) out.push("notes");
  if (JSON.stringify(v.condition) !== JSON.stringify(prev.condition)) out.push("condition");
  if (JSON.stringify(v.opportunities ?? []) !== JSON.stringify(prev.opportunities ?? []))
    out.push("opportunities");
  if (v.method !== prev.method) out.push("matching");
  if (v.priority !== prev.priority) out.push("priority");
  if (v.exclusiveGroup !== prev.exclusiveGroup) out.push("exclusive group");
  if (v.status !== prev.status) out.push(`status → ${v.status}`);
  return out.length ? `Changed ${out.join(", ")}` : "Saved without changes";
}

export function Versions({ site, segment }: { site: string; segment: string }) {
  const versions = useApi<CustomSegmentView[]>(
    sitePath(site, `/segments/${seg(segment)}/versions`),
  );
  return (
    <Card title="History">
      <Async state={versions}>
        {(list) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {[...list].reverse().map((v) => (
                <tr key={v.version}>
                  <td>{v.version}</td>
                  <td>{dateTime(v.updatedAt)}</td>
                  <td>{v.author}</td>
                  <td>
                    {changes(
                      v,
                      list.find((p) => p.version === v.version - 1),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
    </Card>
  );
}
