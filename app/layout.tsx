import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "bootstrap-italia/dist/css/bootstrap-italia.min.css";
import "./globals.css";
import { UserMenu } from "./components/UserMenu";

export const metadata: Metadata = {
  title: { default: "Osservatorio", template: "%s · Osservatorio" },
  description: "Osservatorio dell'Ufficio di Piano: lettura del territorio, Piano Sociale di Zona, servizi e risorse.",
};

// Every page reads the database at request time; nothing is prerendered at build.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="it">
      <body>
        <a className="skip-link" href="#contenuto">
          Vai al contenuto
        </a>
        <header className="it-header-wrapper">
          <div className="it-header-center-wrapper">
            <div className="container">
              <div className="row">
                <div className="col-12">
                  <div className="it-header-center-content-wrapper d-flex justify-content-between align-items-center flex-wrap gap-2">
                    <div className="it-brand-wrapper">
                      <Link href="/">
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
        {children}
        <footer className="it-footer mt-5 no-print">
          <div className="it-footer-small-prints clearfix">
            <div className="container">
              <p className="text-white py-3 mb-0 small">
                Osservatorio · software libero per gli Uffici di Piano. Codici territoriali ISTAT.
              </p>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
