import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./styles/bootstrap-italia.css";
import "./globals.css";
import { titillium } from "./fonts";
import { UserMenu } from "./components/UserMenu";
import { SiteFooter } from "./components/SiteFooter";

export const metadata: Metadata = {
  title: { default: "Osservatorio", template: "%s · Osservatorio" },
  description: "Osservatorio dell'Ufficio di Piano: lettura del territorio, Piano Sociale di Zona, servizi e risorse.",
};

// Every page reads the database at request time; nothing is prerendered at build.
export const dynamic = "force-dynamic";

const printedAt = new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome", dateStyle: "long", timeStyle: "short" });

/** On paper only: what this is and when it was printed (the page is rendered per request). */
function PrintStamp() {
  return <p className="print-only small text-secondary mb-2">Osservatorio · pagina stampata il {printedAt.format(new Date())}</p>;
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="it" className={titillium.variable}>
      <body>
        <a className="skip-link" href="#contenuto">
          Vai al contenuto
        </a>
        <header className="it-header-wrapper site-header">
          <div className="it-header-center-wrapper">
            <div className="container">
              <div className="row">
                <div className="col-12">
                  <div className="it-header-center-content-wrapper d-flex justify-content-between align-items-center flex-wrap gap-2">
                    <div className="it-brand-wrapper">
                      <Link href="/" prefetch={false}>
                        <div className="it-brand-text">
                          <div className="it-brand-title">Osservatorio</div>
                          <div className="it-brand-tagline d-none d-md-block">
                            Ufficio di Piano · zone sociali
                          </div>
                        </div>
                      </Link>
                    </div>
                    <UserMenu />
                  </div>
                </div>
              </div>
            </div>
          </div>
        </header>
        <PrintStamp />
        {children}
        <SiteFooter />
      </body>
    </html>
  );
}
