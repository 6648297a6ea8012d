"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface Section {
  href: string;
  label: string;
}

/**
 * The zone's sections. Only sections that work are listed (see zoneSections).
 * No prefetch: every page is rendered per request, and prefetching the 16 sections on every
 * page view cost 30–40 server renders and most of the phone's blocking time (issue 17).
 */
export function ZoneNav({ sections }: { sections: Section[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Sezioni della zona" className="zone-nav no-print">
      <ul className="nav nav-tabs">
        {sections.map((s) => (
          <li className="nav-item" key={s.href}>
            <Link className="nav-link" href={s.href} prefetch={false} aria-current={pathname === s.href ? "page" : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
