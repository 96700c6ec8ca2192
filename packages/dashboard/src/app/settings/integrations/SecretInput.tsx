/**
 * A write-only secret: always masked, never filled in from the server (which only ever answers
 * "[redacted]"). When one is stored, the placeholder says so and an empty field keeps it.
 */

export function SecretInput(props: {
  id: string;
  name: string;
  value: string;
  stored: boolean;
  required: boolean;
  invalid: boolean;
  describedBy: string;
  onChange: (v: string) => void;
}) {
  return (
    <input
      id={props.id}
      name={props.name}
      type="password"
      // Never offer a saved password here, and never remember what is typed.
      autoComplete="new-password"
      spellCheck={false}
      value={props.value}
      placeholder={props.stored ? "•••••••• (stored; leave empty to keep it)" : ""}
      required={props.required}
      aria-invalid={props.invalid}
      aria-describedby={props.describedBy}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
