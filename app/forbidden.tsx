import Link from "next/link";
import { AdminRequired } from "@/components/cleanup/admin-required.tsx";

/** The 403 page of admin-only pages (forbidden() in a page renders it with HTTP status 403). */
export default function Forbidden() {
  return (
    <main className="main">
      <AdminRequired page="This page" />
      <p>
        <Link href="/">Back to the overview</Link>
      </p>
    </main>
  );
}
