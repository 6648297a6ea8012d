import Link from "next/link";
import { currentPrincipal } from "@/app/_auth/access";
import { logout } from "@/app/_auth/actions";
import { can, ROLE_LABELS_IT } from "@/lib/auth/roles";
import { serverDb } from "@/db/server";
import { comuneZone } from "@/db/queries/comune-profile";

/** Who is signed in, with account, administration and logout. */
export async function UserMenu() {
  const principal = await currentPrincipal();
  if (!principal) return null;
  const comune = principal.comuneIstat ? await comuneZone(await serverDb(), principal.comuneIstat) : undefined;
  return (
    <div className="d-flex flex-wrap align-items-center gap-3 text-white small no-print">
      <span>
        {principal.label} · {ROLE_LABELS_IT[principal.role]}
      </span>
      {comune && (
        <Link prefetch={false} href={`/comuni/${comune.istat}`} className="text-white" aria-label={`Il mio comune: ${comune.name}`}>
          Il mio comune
        </Link>
      )}
      <Link prefetch={false} href="/indicatori" className="text-white">
        Indicatori
      </Link>
      <Link prefetch={false} href="/account" className="text-white">
        Il mio account
      </Link>
      {can(principal, "admin") && (
        <Link prefetch={false} href="/admin/utenti" className="text-white">
          Amministrazione
        </Link>
      )}
      <form action={logout}>
        <button type="submit" className="btn btn-outline-light btn-sm">
          Esci
        </button>
      </form>
    </div>
  );
}
