/** An inline "are you sure?" for deleting an integration: focus starts on Cancel; Escape cancels. */
import { useEffect, useRef } from "react";

export function ConfirmDelete(props: {
  name: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <fieldset
      className="confirm"
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onCancel();
      }}
    >
      <legend>Delete “{props.name}”? Its undelivered messages become dead letters.</legend>
      <button type="button" className="btn btn-danger btn-small" onClick={props.onConfirm}>
        Yes, delete
      </button>
      <button type="button" className="btn btn-small" ref={cancel} onClick={props.onCancel}>
        Cancel
      </button>
    </fieldset>
  );
}
