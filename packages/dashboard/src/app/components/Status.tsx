/** Loading, error and empty states. */
import type { ReactNode } from "react";

export function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <div className="status" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

export function ErrorNote({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div className="note note-error" role="alert">
      <strong>Something went wrong.</strong> {error.message}
      {/* Its own line, so the message and the button never read as one ("not foundTry again"). */}
      {retry && (
        <div>
          <button type="button" className="btn btn-small" onClick={retry}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Shows loading / error / content for one useApi result. */
export function Async<T>(props: {
  state: { data: T | undefined; error: Error | null; loading: boolean; reload: () => void };
  label?: string;
  children: (data: T) => ReactNode;
}) {
  const { data, error, reload } = props.state;
  if (error && data === undefined) return <ErrorNote error={error} retry={reload} />;
  if (data === undefined) return <Loading {...(props.label ? { label: props.label } : {})} />;
  return <>{props.children(data)}</>;
}
