/**
 * Google Tag Manager's data model: every object pushed onto the dataLayer is merged into one
 * model, and an event sees the model as it is after its own push. As in GTM's data layer helper
 * (github.com/google/data-layer-helper, `merge` and `processStates`): plain objects and arrays
 * merge recursively (an array element by element), anything else, `null` included, replaces
 * the value (so `{ecommerce: null}` clears), a key with dots sets a path ("a.b": 1 is
 * {a: {b: 1}}), and `_clear: true` replaces instead of merging.
 */
type Obj = Record<string, unknown>;

/** A plain object (literal or null-prototype); not an `arguments` object, array or instance. */
export const plain = (x: unknown): x is Obj =>
  Object.prototype.toString.call(x) === "[object Object]" &&
  [Object.prototype, null].includes(Object.getPrototypeOf(x));

/** Keys that would reach prototypes: never merged. */
const UNSAFE = /^(?:__proto__|constructor|prototype)$/;

function merge(from: Obj | unknown[], to: Obj | unknown[]): void {
  const f = from as Obj;
  const t = to as Obj;
  const deep = !f._clear;
  for (const k of Object.keys(f)) {
    if (UNSAFE.test(k)) continue;
    const v = f[k];
    if (deep && Array.isArray(v)) {
      if (!Array.isArray(t[k])) t[k] = [];
      merge(v, t[k] as unknown[]);
    } else if (deep && plain(v)) {
      if (!plain(t[k])) t[k] = {};
      merge(v, t[k] as Obj);
    } else t[k] = v;
  }
  delete t._clear;
}

/** Merges one pushed object into `model` (key by key, dotted keys as paths). */
export function update(model: Obj, push: Obj): void {
  for (const k of Object.keys(push)) {
    const path = k.split(".");
    if (path.some((p) => UNSAFE.test(p))) continue;
    const one: Obj = {};
    let at = one;
    for (const p of path.slice(0, -1)) {
      const next: Obj = {};
      at[p] = next;
      at = next;
    }
    at[path[path.length - 1] as string] = push[k];
    merge(one, model);
  }
}
