import type { Metadata } from "next";
import { forbidden } from "next/navigation";

export const metadata: Metadata = { title: "Accesso non consentito" };

/**
 * Where requirePage sends a refused request (a redirect, so that server actions and
 * pages refuse alike); answers 403 with the message of app/forbidden.tsx.
 */
export default function AccessDenied() {
  forbidden();
}
