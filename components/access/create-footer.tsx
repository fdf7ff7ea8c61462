/** The end of a create form: its button (busy while the request runs) and the server's refusal. */
export function CreateFooter({
  mutation,
  label,
}: {
  mutation: { isPending: boolean; isError: boolean; error: Error | null };
  label: string;
}) {
  return (
    <>
      <div className="row actions">
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Creating…" : label}
        </button>
      </div>
      {mutation.isError && (
        <p role="alert" className="error hint">
          Not created: {mutation.error?.message}
        </p>
      )}
    </>
  );
}
