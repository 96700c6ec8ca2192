/**
 * CONTRACT FIXTURE — a fake of the tag's in-page API, NOT the real tag (packages/tag). It
 * implements exactly the names of docs/product/tag.md#in-page-api that matching scripts rely on, so the generator is
 * tested against the contract; an end-to-end test with the real tag belongs to the demo shop.
 *
 * - `window.intently` (replacing the settings object, keeping its settings) with `ready`,
 *   `segments.current() / persisted() / matches(id) / whenMatched(id, {timeoutMs})`,
 *   `on(type, handler)` → unsubscribe (`segment:enter`, `segment:exit`, `scores`, `state`);
 * - `intently:ready` on document once loaded; `intently:segment:enter` / `intently:segment:exit`
 *   CustomEvents on document with `detail = {segment, scores, stage, phase, state}`.
 *
 * The tag restores known memberships as it loads without any event (packages/tag/src/core/
 * state.ts); `load({gtmModule: true})` also does what the tag's GTM module does
 * (packages/tag/src/data/gtm.ts): push `{event: "intently_segment_enter", intently_segment}` onto
 * the dataLayer on every `intently:segment:enter`.
 *
 * Test control: `window.__intentlyFake.load({segments, gtmModule})`, `.enter(id)`, `.exit(id)`.
 */
(() => {
  const snap = {
    segments: [],
    persisted: [],
    scores: { purchase: 0.31, frustration: 0.82 },
    stage: "checkout",
    phase: "buy",
    state: "struggling",
  };
  const handlers = {};
  const rest = () => ({
    scores: snap.scores,
    stage: snap.stage,
    phase: snap.phase,
    state: snap.state,
  });

  function fire(type, detail, dom) {
    for (const h of (handlers[type] || []).slice()) {
      try {
        h(detail);
      } catch {}
    }
    if (dom) document.dispatchEvent(new CustomEvent(`intently:${type}`, { detail }));
  }

  function on(type, h) {
    handlers[type] = handlers[type] || [];
    handlers[type].push(h);
    return () => {
      const list = handlers[type];
      list.splice(list.indexOf(h) >>> 0, 1);
    };
  }

  const segments = {
    current: () => snap.segments.slice(),
    persisted: () => snap.persisted.slice(),
    matches: (id) => snap.segments.includes(id),
    whenMatched: (id, opts) =>
      new Promise((resolve) => {
        if (snap.segments.includes(id)) return resolve(true);
        const done = (v) => {
          off();
          clearTimeout(timer);
          resolve(v);
        };
        const off = on("segment:enter", (d) => d.segment === id && done(true));
        const timer = setTimeout(done, opts?.timeoutMs || 10000, false);
      }),
  };

  function loaded() {
    const t = window.intently;
    if (t?.ready !== true) throw new Error("contract fake: load() first");
  }

  window.__intentlyFake = {
    /** The tag arrives: its API replaces the settings; known memberships are restored. */
    load(opts) {
      const list = opts?.segments || [];
      snap.segments = list.slice();
      snap.persisted = list.slice();
      const api = { segments, on, push() {}, identify() {}, consent() {} };
      window.intently = Object.assign({}, window.intently || {}, api, { ready: true });
      if (opts?.gtmModule) {
        document.addEventListener("intently:segment:enter", (e) => {
          window.dataLayer = window.dataLayer || [];
          window.dataLayer.push({
            event: "intently_segment_enter",
            intently_segment: e.detail.segment,
          });
        });
      }
      document.dispatchEvent(new CustomEvent("intently:ready"));
    },
    /** A collect response moves the session into `id`. */
    enter(id) {
      loaded();
      if (snap.segments.includes(id)) return;
      snap.segments.push(id);
      if (!snap.persisted.includes(id)) snap.persisted.push(id);
      fire("segment:enter", Object.assign({ segment: id }, rest()), true);
      fire("state", Object.assign({}, snap));
    },
    /** A collect response moves the session out of `id`. */
    exit(id) {
      loaded();
      if (!snap.segments.includes(id)) return;
      snap.segments = snap.segments.filter((s) => s !== id);
      fire("segment:exit", Object.assign({ segment: id }, rest()), true);
      fire("state", Object.assign({}, snap));
    },
  };
})();
