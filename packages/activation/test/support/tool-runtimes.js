/**
 * Emulations of how each testing tool calls a pasted script, as its documentation describes it
 * (the document is cited beside each target in src/targets/). `window.__tool`:
 * - `run(target, code)`: the tool runs the code as a page loads;
 * - `again()`: the tool runs the same code again on the same view (a re-invocation);
 * - `route(path)`: a single-page-app URL change (history.pushState) and what the tool itself
 *   does then (re-decides the view, re-invokes the callback, or nothing for page scripts).
 * It records:
 * - `fired`: every time the tool acted (showed the campaign, activated the page, received the
 *   event / dataLayer push / mbox request) — what its users see;
 * - `results`: every value an evaluation returned or settled to (sync and promise tools);
 * - `firedAt`, `tagAtFire`: ms since `run` and whether the tag's API existed, at each fire;
 * - `errors`: anything the code threw or rejected with, or a value the tool would refuse.
 *
 * Modes: "decide" tools (Optimizely audience, VWO segment, Convert location, Kameleoon custom
 * data) evaluate synchronously once per view and show the campaign when true; "promise" (AB
 * Tasty) awaits the Promise without a time limit; "evaluator" (Dynamic Yield) awaits at most
 * 4 s, a timeout counting as false, and wants the String "true"; "callback" (Optimizely page
 * activation, Performance Edge) calls `function (activate, options)` with `options.isActive`;
 * "event" tools receive what the page script sends through their own API.
 */
(() => {
  const tool = { fired: [], results: [], errors: [], firedAt: [], tagAtFire: [] };
  window.__tool = tool;
  let t0 = 0;
  let shown = false; // the campaign is shown on this view (decide / promise / evaluator)

  const fail = (e) => tool.errors.push(String(e?.stack || e));
  const attempt = (f) => {
    try {
      return f();
    } catch (e) {
      fail(e);
    }
  };
  const fire = (what) => {
    tool.fired.push(what);
    tool.firedAt.push(performance.now() - t0);
    tool.tagAtFire.push(!!window.intently?.segments);
  };
  /** A decision for the current view: shows the campaign once per view. */
  const decide = (verdict) => {
    tool.results.push(verdict);
    if (verdict === true && !shown) {
      shown = true;
      fire(true);
    }
  };

  // Indirect eval: the code runs in the global scope, as a tool's own evaluation would.
  // biome-ignore lint/security/noGlobalEval: emulating a tool that evaluates pasted code
  const indirect = eval;
  const globalEval = (code) => indirect(code);
  const body = (code) => new Function(code)();
  const bool = (v) => {
    if (typeof v !== "boolean") fail(`not a boolean: ${typeof v}`);
    return v === true;
  };
  /** A classic script element, as a pasted site script or a tag manager adds it. */
  const inject = (code) => {
    const s = document.createElement("script");
    s.text = code;
    document.head.appendChild(s);
  };

  /** Per mode: what the tool does on load, on a re-invocation and on an SPA route change. */
  function decideMode(evaluate) {
    const once = () => decide(attempt(evaluate));
    return {
      mode: "decide",
      load: once,
      again: once,
      route: () => {
        shown = false;
        once();
      },
    };
  }

  function promiseMode(evaluate, capMs, verdict) {
    const once = () => {
      const p = attempt(evaluate);
      if (!(p instanceof Promise)) fail("not a Promise");
      const cap = capMs ? new Promise((r) => setTimeout(r, capMs, false)) : new Promise(() => {});
      Promise.race([Promise.resolve(p), cap]).then((v) => decide(verdict(v)), fail);
    };
    return {
      mode: capMs ? "evaluator" : "promise",
      load: once,
      again: once,
      route: () => {
        shown = false;
        once();
      },
    };
  }

  function callbackMode(code) {
    let fn;
    let active = false;
    const activate = (arg) => {
      if (arg !== undefined) fail(`activate() called with ${JSON.stringify(arg)}`);
      active = true;
      fire("activate");
    };
    const invoke = () => {
      fn = fn || attempt(() => globalEval(`(${code}\n)`));
      if (typeof fn !== "function") return fail("not a function");
      attempt(() => fn(activate, { isActive: active, pageId: "1234" }));
    };
    // An SPA URL change deactivates the page; Optimizely then calls the function again.
    return {
      mode: "callback",
      load: invoke,
      again: invoke,
      route: () => {
        active = false;
        invoke();
      },
    };
  }

  function eventMode(setup, insert) {
    let code = "";
    return {
      mode: "event",
      load: (c) => {
        code = c;
        setup();
        insert(code);
      },
      again: () => insert(code),
      route: () => {},
    };
  }

  /** Vendor stubs receiving what the page scripts send. */
  const stubs = {
    "vwo-event": () => {
      const q = [];
      q.push = (x) => {
        Array.prototype.push.call(q, x);
        if (Array.isArray(x) && x[0] === "event") fire(x.slice(1));
      };
      window.VWO = q;
    },
    "kameleoon-event": () => {
      const q = [];
      q.push = (x) => {
        Array.prototype.push.call(q, x);
        if (Array.isArray(x) && x[0] === "Kameleoon.API.Events.trigger") fire(x.slice(1));
        else fail(`unexpected Kameleoon command ${JSON.stringify(x)}`);
      };
      window.kameleoonQueue = q;
    },
    "dynamic-yield-event": () => {
      window.DY = {
        API: (type, payload) => (type === "event" ? fire(payload) : fail(`DY.API ${type}`)),
      };
    },
    "adobe-target": () => {
      tool.applied = 0;
      window.adobe = {
        target: {
          getOffers: (o) => {
            fire(o.request.execute.mboxes);
            return Promise.resolve({ execute: { mboxes: [] } });
          },
          applyOffers: (o) => {
            if (!o?.response) fail("applyOffers without a response");
            tool.applied += 1;
            return Promise.resolve();
          },
        },
      };
    },
    bloomreach: () => {
      window.exponea = { track: (name, props) => fire([name, props]) };
    },
    // GTM sees every push of the event, whoever made it (this script or the tag's module).
    gtm: () => {
      const dl = Array.isArray(window.dataLayer) ? window.dataLayer : [];
      const push = dl.push;
      dl.push = function (x) {
        const n = push.call(this, x);
        if (x && x.event === "intently_segment_enter") fire(x);
        return n;
      };
      window.dataLayer = dl;
    },
    generic: () => {
      const log = console.log;
      console.log = (...a) => {
        if (String(a[0]).startsWith("Intently: entered segment ")) fire(a[0]);
        log.apply(console, a);
      };
    },
  };

  const RUNTIMES = {
    "optimizely-audience": (code) => decideMode(() => bool(globalEval(code))),
    "optimizely-activation": (code) => callbackMode(code),
    "optimizely-edge": (code) => callbackMode(code),
    abtasty: (code) =>
      promiseMode(
        () => body(code),
        0,
        (v) => v === true,
      ),
    vwo: (code) => decideMode(() => bool(body(code))),
    convert: (code) => decideMode(() => bool(body(code))),
    // Custom data: an object with the keys value and overwrite.
    kameleoon: (code) =>
      decideMode(() => {
        const v = body(code);
        if (!v || typeof v !== "object" || !("overwrite" in v)) fail("not {value, overwrite}");
        return bool(v?.value);
      }),
    // String evaluator: "true" / "false"; 4 s at most, a timeout counting as false.
    "dynamic-yield": (code) =>
      promiseMode(
        () => globalEval(code),
        4000,
        (v) => (v === "true" || v === "false" || v === false ? v === "true" : fail(`value ${v}`)),
      ),
  };
  // A Custom HTML tag's fragment is inserted into the page (its scripts run); the rest are
  // classic page scripts.
  const html = (code) =>
    (document.body || document.head).appendChild(
      document.createRange().createContextualFragment(code),
    );
  for (const t of Object.keys(stubs)) {
    RUNTIMES[t] = () => eventMode(stubs[t], t === "gtm" ? html : inject);
  }

  let current;
  tool.run = (target, code) => {
    const make = RUNTIMES[target];
    if (!make) throw new Error(`no runtime for ${target}`);
    t0 = performance.now();
    current = make(code);
    tool.mode = current.mode;
    attempt(() => current.load(code));
  };
  tool.again = () => attempt(() => current.again());
  tool.route = (path) => {
    history.pushState({}, "", path);
    attempt(() => current.route());
  };
})();
