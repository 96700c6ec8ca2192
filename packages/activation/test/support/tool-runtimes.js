/**
 * Emulations of how each testing tool runs a pasted script (its runtime contract), for the
 * browser tests. `window.__tool.run(target, code)` runs `code` the way that tool would and
 * records into `window.__tool`:
 * - `fired`: the tool acted (activated, displayed, received the event) — with what it got;
 * - `results`: every value a synchronous evaluation returned;
 * - `outcome`: what an asynchronous evaluation settled to (undefined while pending);
 * - `errors`: anything the code threw or rejected with.
 *
 * Boolean tools (Optimizely audience, VWO segment, Convert condition, Kameleoon custom data)
 * re-evaluate every 50 ms until true, as Optimizely does while polling for an audience.
 */
(() => {
  const tool = { fired: [], results: [], outcome: undefined, errors: [] };
  window.__tool = tool;

  const fail = (e) => tool.errors.push(String(e?.stack || e));
  const attempt = (f) => {
    try {
      return f();
    } catch (e) {
      fail(e);
    }
  };

  /** Evaluates every 50 ms; `read` maps the value to the tool's verdict (true fires). */
  const poll = (evaluate, read) => {
    const tick = () => {
      const verdict = read(attempt(evaluate));
      tool.results.push(verdict);
      if (verdict === true) tool.fired.push(true);
      else setTimeout(tick, 50);
    };
    tick();
  };

  /** Settles a returned Promise (or value), like AB Tasty / Dynamic Yield awaiting it. */
  const settle = (value, capMs) => {
    const cap = new Promise((r) => setTimeout(r, capMs, "tool-timeout"));
    Promise.race([Promise.resolve(value), cap]).then((v) => {
      tool.outcome = v;
      if (v === true) tool.fired.push(true);
    }, fail);
  };

  /** A classic script element, as a pasted site script or a tag manager would add it. */
  const inject = (code) => {
    const s = document.createElement("script");
    s.text = code;
    document.head.appendChild(s);
  };

  const boolean = (v) => (typeof v === "boolean" ? v : `not a boolean: ${typeof v}`);
  // Indirect eval: the code runs in the global scope, as a tool's own evaluation would.
  // biome-ignore lint/security/noGlobalEval: emulating a tool that evaluates pasted code
  const indirect = eval;
  const globalEval = (code) => indirect(code);
  const body = (code) => new Function(code)();

  const RUNTIMES = {
    // Custom JS audience condition: the program's last expression is the boolean.
    "optimizely-audience": (code) => poll(() => globalEval(code), boolean),
    // Page activation callback: called once with (activate, options).
    "optimizely-activation": (code) => {
      const fn = globalEval(`(${code}\n)`);
      fn(() => tool.fired.push("activate"), { isActive: false, pageId: "1234" });
    },
    // JS trigger: the returned Promise is awaited.
    abtasty: (code) => {
      const p = attempt(() => body(code));
      tool.results.push(p instanceof Promise);
      settle(p, 60000);
    },
    vwo: (code) => poll(() => body(code), boolean),
    convert: (code) => poll(() => body(code), boolean),
    // Custom data: the returned object's `value`.
    kameleoon: (code) =>
      poll(
        () => body(code),
        (v) => (v && typeof v === "object" ? boolean(v.value) : "not an object"),
      ),
    // Evaluator: a value or a Promise of one; Dynamic Yield gives up after 4 s.
    "dynamic-yield": (code) =>
      settle(
        attempt(() => globalEval(code)),
        4000,
      ),
    // VWO custom events arrive through `VWO.push(["event", name, props])`.
    "vwo-event": (code) => {
      const q = [];
      q.push = (x) => {
        Array.prototype.push.call(q, x);
        if (x && x[0] === "event") tool.fired.push(x.slice(1));
      };
      window.VWO = q;
      inject(code);
    },
    // Custom HTML tag: the fragment is inserted (its scripts run); dataLayer pushes observed.
    gtm: (code) => {
      const dl = [];
      dl.push = (x) => {
        Array.prototype.push.call(dl, x);
        if (x && x.event === "intently_segment_enter") tool.fired.push(x);
      };
      window.dataLayer = dl;
      document.body.appendChild(document.createRange().createContextualFragment(code));
    },
    // A plain page script; the example callback logs to the console.
    generic: (code) => {
      const log = console.log;
      console.log = (...a) => {
        if (String(a[0]).startsWith("Intently: entered segment ")) tool.fired.push(a[0]);
        log.apply(console, a);
      };
      inject(code);
    },
  };

  tool.run = (target, code) => {
    const run = RUNTIMES[target];
    if (!run) throw new Error(`no runtime for ${target}`);
    attempt(() => run(code));
  };
})();
