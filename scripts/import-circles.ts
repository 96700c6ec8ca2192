/**
 * Import circles among the relative imports of `packages/<name>/src` (issue 16): type-only
 * imports count too, because a circle of types is a circle of concepts. Tarjan's strongly
 * connected components; `node --import tsx scripts/import-circles.ts` prints any found.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g;
const SIDE_EFFECT = /(?:^|\n)\s*import\s*["'](\.{1,2}\/[^"']+)["']/g;

function sources(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(n) && !n.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** Every circle (files, relative to `root`) among the packages' sources under `root`. */
export function findCircles(root: string): string[][] {
  const files: string[] = [];
  for (const pkg of readdirSync(root)) sources(join(root, pkg, "src"), files);
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const deps = [...text.matchAll(IMPORT), ...text.matchAll(SIDE_EFFECT)]
      .map((m) => resolve(dirname(f), m[1]!))
      .filter((d) => known.has(d));
    edges.set(f, deps);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(relative(root, w));
      } while (w !== v);
      const selfLoop = (edges.get(v) ?? []).includes(v);
      if (c.length > 1 || selfLoop) circles.push(c.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return circles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../packages", import.meta.url));
  const circles = findCircles(root);
  for (const c of circles) process.stdout.write(`${c.length} files: ${c.join(" → ")}\n`);
  process.exitCode = circles.length ? 1 : 0;
}
