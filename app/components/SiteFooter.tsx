import { env } from "@/lib/env";

/**
 * The footer AgID guidelines expect: who runs the instance, how to reach them,
 * the dichiarazione di accessibilità and the privacy notice. The content is the
 * operator's (lib/env.ts): an item that is not configured is not shown.
 */
export function SiteFooter() {
  const { OSSERVATORIO_OWNER: owner, OSSERVATORIO_CONTACT_EMAIL: email, OSSERVATORIO_CONTACT_PHONE: phone, OSSERVATORIO_ACCESSIBILITY_URL: accessibility, OSSERVATORIO_PRIVACY_URL: privacy } =
    env();
  const hasContacts = Boolean(owner || email || phone);
  return (
    <footer className="it-footer mt-5 site-footer">
      <div className="it-footer-main">
        <div className="container py-3">
          <div className="row g-3">
            {hasContacts && (
              <div className="col-12 col-md-6">
                <h2 className="h6 text-white">Contatti</h2>
                {owner && <p className="mb-1">{owner}</p>}
                {email && (
                  <p className="mb-1">
                    E-mail: <a href={`mailto:${email}`}>{email}</a>
                  </p>
                )}
                {phone && <p className="mb-1">Telefono: {phone}</p>}
              </div>
            )}
            <div className="col-12 col-md-6">
              <h2 className="h6 text-white">Informazioni</h2>
              <ul className="list-unstyled mb-0">
                {accessibility && (
                  <li>
                    <a href={accessibility}>Dichiarazione di accessibilità</a>
                  </li>
                )}
                {privacy && (
                  <li>
                    <a href={privacy}>Informativa sulla privacy</a>
                  </li>
                )}
                <li>
                  <a href="/api">Documentazione delle API</a>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container">
          <p className="py-3 mb-0 small text-white">Osservatorio · software libero per gli Uffici di Piano (EUPL 1.2). Codici territoriali ISTAT.</p>
        </div>
      </div>
    </footer>
  );
}
