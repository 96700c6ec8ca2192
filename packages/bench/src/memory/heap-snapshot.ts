/**
 * Who holds the heap: a V8 heap snapshot (.heapsnapshot, as v8.writeHeapSnapshot writes it) read
 * into typed arrays without parsing its JSON as one string (a snapshot of a few hundred MB is
 * longer than V8's longest string), its dominator tree (Cooper, Harvey and Kennedy's iterative
 * algorithm, as Chrome DevTools computes it; weak edges ignored), each object's retained size,
 * and two summaries to compare snapshots by: self bytes by constructor, and the biggest
 * retainers, each named by the object and property that hold it (`SessionRecorder.live`).
 */
import { readFileSync } from "node:fs";

interface Meta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
}

export interface HeapGraph {
  nodeCount: number;
  /** Per node: type index, name (string index), self size, first edge, edge count. */
  type: Uint8Array;
  name: Uint32Array;
  size: Float64Array;
  firstEdge: Uint32Array;
  /** Per edge: type index, name or index, target node (node index, not array offset). */
  edgeType: Uint8Array;
  edgeName: Uint32Array;
  edgeTo: Uint32Array;
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
}

/** Numbers of a `[…]` array starting at `from` (just after `[`) into `out`; returns the end. */
function readNumbers(buf: Buffer, from: number, push: (n: number) => void): number {
  let i = from;
  let n = 0;
  let inNumber = false;
  for (;;) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      inNumber = true;
    } else {
      if (inNumber) push(n);
      n = 0;
      inNumber = false;
      if (c === 93) return i; // ]
    }
    i++;
  }
}

class Growable {
  data = new Float64Array(1 << 20);
  length = 0;
  push = (n: number) => {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = n;
  };
}

export function readHeapSnapshot(path: string): HeapGraph {
  const buf = readFileSync(path);
  const at = (key: string, from = 0) => {
    const i = buf.indexOf(key, from);
    if (i < 0) throw new Error(`${path}: not a heap snapshot (no ${key})`);
    return i + key.length;
  };
  const nodesAt = at('"nodes":[');
  const header = JSON.parse(
    `${buf.toString("utf8", 0, nodesAt - '"nodes":['.length).replace(/,\s*$/, "")}}`,
  ) as { snapshot: { meta: Meta; node_count: number } };
  const meta = header.snapshot.meta;
  const nodes = new Growable();
  const nodesEnd = readNumbers(buf, nodesAt, nodes.push);
  const edges = new Growable();
  const edgesEnd = readNumbers(buf, at('"edges":[', nodesEnd), edges.push);
  const stringsAt = at('"strings":[', edgesEnd) - 1;
  const strings = JSON.parse(buf.toString("utf8", stringsAt, buf.lastIndexOf("]") + 1)) as string[];

  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const f = (k: string) => meta.node_fields.indexOf(k);
  const [fType, fName, fSize, fEdges] = [f("type"), f("name"), f("self_size"), f("edge_count")];
  const e = (k: string) => meta.edge_fields.indexOf(k);
  const [eType, eName, eTo] = [e("type"), e("name_or_index"), e("to_node")];
  const nodeCount = nodes.length / nf;
  const edgeCount = edges.length / ef;
  const g: HeapGraph = {
    nodeCount,
    type: new Uint8Array(nodeCount),
    name: new Uint32Array(nodeCount),
    size: new Float64Array(nodeCount),
    firstEdge: new Uint32Array(nodeCount + 1),
    edgeType: new Uint8Array(edgeCount),
    edgeName: new Uint32Array(edgeCount),
    edgeTo: new Uint32Array(edgeCount),
    strings,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
  };
  let edge = 0;
  for (let i = 0; i < nodeCount; i++) {
    const o = i * nf;
    g.type[i] = nodes.data[o + fType]!;
    g.name[i] = nodes.data[o + fName]!;
    g.size[i] = nodes.data[o + fSize]!;
    g.firstEdge[i] = edge;
    edge += nodes.data[o + fEdges]!;
  }
  g.firstEdge[nodeCount] = edge;
  for (let j = 0; j < edgeCount; j++) {
    const o = j * ef;
    g.edgeType[j] = edges.data[o + eType]!;
    g.edgeName[j] = edges.data[o + eName]!;
    g.edgeTo[j] = edges.data[o + eTo]! / nf;
  }
  return g;
}

/** Immediate dominators (node 0 is the root) and retained sizes; unreachable nodes retain 0. */
export function dominators(g: HeapGraph): { idom: Int32Array; retained: Float64Array } {
  const n = g.nodeCount;
  const weak = g.edgeTypes.indexOf("weak");
  const skip = (j: number) => g.edgeType[j] === weak;
  // Postorder by an iterative depth-first search from the root.
  const post = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  let count = 0;
  const stack = new Int32Array(n);
  const next = new Uint32Array(n);
  const seen = new Uint8Array(n);
  let top = 0;
  stack[top++] = 0;
  seen[0] = 1;
  next[0] = g.firstEdge[0]!;
  while (top > 0) {
    const v = stack[top - 1]!;
    const end = g.firstEdge[v + 1]!;
    let pushed = false;
    while (next[v]! < end) {
      const j = next[v]!;
      next[v] = j + 1;
      const w = g.edgeTo[j]!;
      if (skip(j) || seen[w]) continue;
      seen[w] = 1;
      next[w] = g.firstEdge[w]!;
      stack[top++] = w;
      pushed = true;
      break;
    }
    if (!pushed) {
      top--;
      post[v] = count;
      order[count++] = v;
    }
  }
  // Predecessors (reachable ones only), as CSR.
  const predCount = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) {
    if (!seen[v]) continue;
    for (let j = g.firstEdge[v]!; j < g.firstEdge[v + 1]!; j++)
      if (!skip(j)) predCount[g.edgeTo[j]! + 1]!++;
  }
  for (let v = 0; v < n; v++) predCount[v + 1]! += predCount[v]!;
  const preds = new Int32Array(predCount[n]!);
  const fill = predCount.slice(0, n);
  for (let v = 0; v < n; v++) {
    if (!seen[v]) continue;
    for (let j = g.firstEdge[v]!; j < g.firstEdge[v + 1]!; j++)
      if (!skip(j)) preds[fill[g.edgeTo[j]!]!++] = v;
  }
  // Iterate in reverse postorder until nothing changes; idom by postorder number.
  const idomPost = new Int32Array(count).fill(-1);
  const rootPost = post[0]!;
  idomPost[rootPost] = rootPost;
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = count - 1; k >= 0; k--) {
      if (k === rootPost) continue;
      const v = order[k]!;
      let best = -1;
      for (let p = predCount[v]!; p < predCount[v + 1]!; p++) {
        let a = post[preds[p]!]!;
        if (idomPost[a] === -1) continue;
        if (best === -1) {
          best = a;
          continue;
        }
        let b = best;
        while (a !== b) {
          while (a < b) a = idomPost[a]!;
          while (b < a) b = idomPost[b]!;
        }
        best = a;
      }
      if (best !== -1 && idomPost[k] !== best) {
        idomPost[k] = best;
        changed = true;
      }
    }
  }
  const idom = new Int32Array(n).fill(-1);
  const retained = new Float64Array(n);
  for (let k = 0; k < count; k++) {
    const v = order[k]!;
    idom[v] = order[idomPost[k]!]!;
    retained[v] = retained[v]! + g.size[v]!;
  }
  // Postorder visits children before their dominators (a dominator is an ancestor in the DFS).
  for (let k = 0; k < count; k++) {
    const v = order[k]!;
    if (v !== 0) retained[idom[v]!]! += retained[v]!;
  }
  return { idom, retained };
}

export interface HeapSummary {
  totalBytes: number;
  nodes: number;
  /** Self bytes and count by constructor (objects) or by node type (strings, arrays, code…). */
  byClass: Record<string, { bytes: number; count: number }>;
  /** The biggest retainers, named `Holder.property (Class)`, their retained bytes. */
  holders: Record<string, number>;
}

const classOf = (g: HeapGraph, v: number) => {
  const t = g.nodeTypes[g.type[v]!]!;
  return t === "object" || t === "closure" ? g.strings[g.name[v]!]! : `(${t})`;
};

/** Self bytes by class, and every object retaining ≥ `minBytes` named by what holds it. */
export function summarize(g: HeapGraph, minBytes = 1 << 20): HeapSummary {
  const { idom, retained } = dominators(g);
  const byClass: HeapSummary["byClass"] = {};
  let total = 0;
  for (let v = 0; v < g.nodeCount; v++) {
    if (idom[v] === -1 && v !== 0) continue;
    const c = classOf(g, v);
    byClass[c] ??= { bytes: 0, count: 0 };
    const s = byClass[c];
    s.bytes += g.size[v]!;
    s.count++;
    total += g.size[v]!;
  }
  const holders: Record<string, number> = {};
  const named = g.edgeTypes.map((t) => t === "property" || t === "internal" || t === "context");
  for (let v = 1; v < g.nodeCount; v++) {
    if (retained[v]! < minBytes || idom[v] === -1) continue;
    // Named by its dominator's edge to it when there is one, else by any holder's.
    const d = idom[v]!;
    let label = "";
    for (let j = g.firstEdge[d]!; j < g.firstEdge[d + 1]!; j++) {
      if (g.edgeTo[j] !== v) continue;
      const edge = named[g.edgeType[j]!] ? g.strings[g.edgeName[j]!] : `[${g.edgeName[j]}]`;
      label = `${classOf(g, d)}.${edge}`;
      break;
    }
    if (!label) label = `${classOf(g, d)}→`;
    const key = `${label} (${classOf(g, v)})`;
    holders[key] = (holders[key] ?? 0) + retained[v]!;
  }
  return { totalBytes: total, nodes: g.nodeCount, byClass, holders };
}

/** Per-session bytes between two summaries: (b − a) / sessions, biggest first, ≥ `min` bytes. */
export function perSession(
  a: Record<string, number>,
  b: Record<string, number>,
  sessions: number,
  min = 8,
): [string, number][] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: [string, number][] = [];
  for (const k of keys) {
    const d = ((b[k] ?? 0) - (a[k] ?? 0)) / sessions;
    if (Math.abs(d) >= min) out.push([k, Math.round(d)]);
  }
  return out.sort((x, y) => y[1] - x[1]);
}
