/** What a viewer sees instead of an admin-only page: the refusal, and why. */
export function AdminRequired({ page }: { page: string }) {
  return (
    <section role="alert" aria-labelledby="forbidden-heading" className="panel forbidden">
      <h1 id="forbidden-heading">403 — admin role required</h1>
      <p>{page} is for admins only: you are signed in as a viewer. Ask an admin to run it for you.</p>
    </section>
  );
}
