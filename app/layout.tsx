import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: "ContextService",
  description: "Operator console for workflow contexts: browse, search, metrics, live listeners, cleanup.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
