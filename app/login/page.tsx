import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form.tsx";

export const metadata = { title: "Log in · ContextService" };

export default function LoginPage() {
  return (
    <Suspense>
      <LoginForm />
    </Suspense>
  );
}
