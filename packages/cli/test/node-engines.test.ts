/**
 * The root package.json promises Node >= 20 (the machines and CI run Node 20): every package the
 * lock file installs must say it runs there too (issue 23, item 9). cookie 2 (through fastify's
 * light-my-request) said Node >= 22 and is an ES module that light-my-request `require`s, which
 * Node 20 before 20.19 cannot do; the root `overrides` keep cookie 1.1 (the same
 * `stringifySetCookie`, CommonJS, Node >= 18).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../../../", import.meta.url);
const json = (name: string) => JSON.parse(readFileSync(new URL(name, root), "utf8"));

type Version = [number, number, number];
const parse = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v
    .replace(/^v/, "")
    .split(".")
    .map((p) => (p === "x" ? 0 : Number(p)));
  return [a, b, c];
};
const cmp = (x: Version, y: Version) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/**
 * Whether a version range of the forms engines use (`>=N[.N.N]`, `^N[.N.N]`, `N.x`, `*`,
 * alternatives joined by `||`) admits `v`. Another form throws, so that it is looked at.
 */
function admits(range: string, v: Version): boolean {
  return range.split("||").some((alt) => {
    const r = alt.trim().replace(/\s+/g, "");
    if (r === "*" || r === "") return true;
    let m = /^>=(\d+(?:\.\d+){0,2})(?:\.x)?$/.exec(r);
    if (m) return cmp(v, parse(m[1]!)) >= 0;
    m = /^\^(\d+(?:\.\d+){0,2})$/.exec(r);
    if (m) {
      const low = parse(m[1]!);
      return v[0] === low[0] && cmp(v, low) >= 0;
    }
    m = /^(\d+)\.x$/.exec(r);
    if (m) return v[0] === Number(m[1]);
    throw new Error(`engines range not understood: ${JSON.stringify(range)}`);
  });
}

test("the range reader", () => {
  assert.ok(admits(">=20", [20, 0, 0]));
  assert.ok(!admits(">=22", [20, 19, 0]));
  assert.ok(admits("^16 || ^18 || >=20", [20, 0, 0]));
  assert.ok(!admits("^18.0.0", [20, 0, 0]));
  assert.ok(admits(">= 10.x", [20, 0, 0]));
  assert.ok(!admits(">=20.19.0", [20, 0, 0]));
  assert.throws(() => admits("~20.1", [20, 0, 0]), /not understood/);
});

test("every installed package runs on the Node the root package.json promises", () => {
  const promised = /^>=(\d+(?:\.\d+){0,2})$/.exec(json("package.json").engines.node)?.[1];
  assert.ok(promised, "the root engines.node is >=N");
  const lowest = parse(promised);
  const lock = json("package-lock.json") as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };
  const refused = Object.entries(lock.packages)
    .filter(([, p]) => {
      const node = Array.isArray(p.engines) ? undefined : p.engines?.node;
      return node !== undefined && !admits(node, lowest);
    })
    .map(([name, p]) => `${name}@${p.version} needs node ${JSON.stringify(p.engines)}`);
  assert.deepEqual(refused, []);
});
