/**
 * Never break the page: every handler runs inside `guard`, the first failure is reported once
 * (console.debug) and the rest are swallowed.
 */

/** Undoes a listener or a start. */
export type Off = () => void;

let reported = false;

export function report(e: unknown): void {
  if (!reported) {
    reported = true;
    console.debug("intently", e);
  }
}

export function guard<A extends unknown[], R>(fn: (...a: A) => R): (...a: A) => R | undefined {
  return (...a) => {
    try {
      return fn(...a);
    } catch (e) {
      report(e);
    }
  };
}

/** Adds a guarded, passive, capturing listener; its remover goes into `offs`. */
export function listen<E extends Event>(
  target: EventTarget,
  type: string,
  fn: (e: E) => void,
  offs: Off[],
): void {
  const h = guard(fn) as EventListener;
  const o = { capture: true, passive: true };
  target.addEventListener(type, h, o);
  offs.push(() => target.removeEventListener(type, h, o));
}

/** Runs and forgets every remover in `offs`. */
export function off(offs: Off[]): void {
  for (const f of offs.splice(0)) f();
}
