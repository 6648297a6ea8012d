import type { ReactNode } from "react";
import Link from "next/link";
import { requirePage } from "@/app/_auth/access";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePage("admin");
  return (
    <main id="contenuto" className="container my-4">
      <nav aria-label="Amministrazione" className="mb-4 no-print">
        <ul className="nav nav-tabs">
          <li className="nav-item">
            <Link className="nav-link" href="/admin/utenti">
              Utenti
            </Link>
          </li>
          <li className="nav-item">
            <Link className="nav-link" href="/admin/token">
              Token API
            </Link>
          </li>
          <li className="nav-item">
            <Link className="nav-link" href="/admin/zone">
              Zone
            </Link>
          </li>
          <li className="nav-item">
            <Link className="nav-link" href="/admin/registro">
              Registro delle attività
            </Link>
          </li>
        </ul>
      </nav>
      {children}
    </main>
  );
}
