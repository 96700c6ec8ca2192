/** The segment's matching script for each testing tool, with a copy button and where to paste it. */

import type { MatchingScript } from "@intently/activation";
import { useId, useState } from "react";
import { seg, sitePath } from "../api/client.ts";
import { Card } from "../components/Bits.tsx";
import { CodeBlock, CopyButton } from "../components/Copy.tsx";
import { Async } from "../components/Status.tsx";
import { useApi } from "../lib/use-api.ts";

export function ScriptPanel({ site, segment }: { site: string; segment: string }) {
  const scripts = useApi<MatchingScript[]>(sitePath(site, `/segments/${seg(segment)}/scripts`));
  const [target, setTarget] = useState("optimizely-audience");
  const selectId = useId();
  return (
    <Card title="Matching script" className="scripts">
      <p className="muted">
        Paste this into your testing tool so that an experience targets exactly this segment. It
        reads the memberships the Intently tag keeps in the page, waits for the tag if it has not
        loaded yet, and answers “no match” after a timeout.
      </p>
      <Async state={scripts} label="Loading the scripts">
        {(list) => {
          const s = list.find((x) => x.target === target) ?? list[0];
          if (!s) return <p className="muted">No scripts.</p>;
          return (
            <>
              <div className="script-bar">
                <span className="inline-field">
                  <label htmlFor={selectId}>Testing tool</label>
                  <select
                    id={selectId}
                    value={s.target}
                    onChange={(e) => setTarget(e.target.value)}
                  >
                    {list.map((x) => (
                      <option key={x.target} value={x.target}>
                        {x.label}
                      </option>
                    ))}
                  </select>
                </span>
                <CopyButton text={s.code} label="Copy script" />
              </div>
              <CodeBlock code={s.code} label={`${s.label} script`} />
              <h3 className="small-title">Where to paste it</h3>
              <ol className="instructions">
                {s.instructions.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ol>
            </>
          );
        }}
      </Async>
    </Card>
  );
}
