/** A secret the server answers once (a generated password, a new token): shown with the warning that it will not be again. */
export function ShownOnce({ label, secret, onDismiss }: { label: string; secret: string; onDismiss(): void }) {
  return (
    <div role="status" className="panel shown-once">
      <p>{label} It is shown only this once: copy it now.</p>
      <div className="row">
        <code aria-label="Secret" className="secret">
          {secret}
        </code>
        <button type="button" className="secondary" onClick={onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}
