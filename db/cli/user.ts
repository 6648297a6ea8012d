/**
 * npm run user -- create --email E --role R (--zona CODE … | --regione CODE …) [--comune ISTAT] [--password P]
 * npm run user -- reset --email E [--password P]
 * npm run user -- token --email E [--name N] [--unprotected]
 * npm run user -- revoke-token --id N
 * npm run user -- update --email E [--role R] [--zona CODE …] [--regione CODE …] [--comune ISTAT|nessuno]
 * npm run user -- disable|enable --email E
 * npm run user -- list [--json]
 */
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { openDatabase } from "../client";
import { migrateToLatest } from "../migrate";
import { DataDirLockedError, readLock } from "../lock";
import { authSecret } from "../auth/secret";
import {
  createApiToken,
  createUser,
  findUserByEmail,
  generatePassword,
  listApiTokens,
  listUsers,
  revokeApiToken,
  setPassword,
  setUserComune,
  setUserDisabled,
  standaloneAuth,
  updateUserAccess,
  UserError,
} from "../auth/users";
import { recordAudit } from "../queries/audit";
import { isRole, ROLES } from "@/lib/auth/roles";
import { readSubcommand, runCli } from "./subcommand";

const HELP = `Uso:
  npm run user -- create --email E --role RUOLO (--zona UMB-11 … | --regione 10 …) [--comune ISTAT] [--password P]
  npm run user -- reset --email E [--password P]      nuova password (generata se omessa)
  npm run user -- token --email E [--name NOME] [--unprotected]
                                                        nuovo token API di sola lettura (stampato una volta), dell'utente E:
                                                        legge al più ciò che E legge a ogni richiesta e smette se E è disattivato;
                                                        --unprotected concede i dati non protetti (conteggi piccoli
                                                        di persone senza segreto statistico; non per la Conferenza)
  npm run user -- revoke-token --id N                   revoca un token API
  npm run user -- update --email E [--role R] [--zona …] [--regione …] [--comune ISTAT|nessuno]
                                                        cambia ruolo e zone (le zone indicate sostituiscono le precedenti);
                                                        --comune lega un utente della Conferenza al comune (codice ISTAT,
                                                        in una sua zona), la cui pagina si apre dopo l'accesso ("Il mio comune");
                                                        --comune nessuno toglie il legame
  npm run user -- disable --email E                     disattiva l'account e chiude le sue sessioni
  npm run user -- enable --email E                      riattiva l'account
  npm run user -- list [--json]                         utenti e token

Ruoli: ${ROLES.join(", ")}. Un amministratore senza zone vede tutte le zone.
Un cambio di ruolo o di zone che esclude il comune dell'utente toglie il legame al comune.
--zona e --regione si possono ripetere. La password generata è stampata una volta sola.
Con il database integrato il server web non deve essere in esecuzione (un solo processo
alla volta): fermarlo, oppure gestire gli utenti dalla pagina Amministrazione.

Codici di uscita: 0 riuscito, 1 errore, 2 uso errato.`;

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      zona: { type: "string", multiple: true },
      regione: { type: "string", multiple: true },
      password: { type: "string" },
      name: { type: "string" },
      comune: { type: "string" },
      id: { type: "string" },
      json: { type: "boolean", default: false },
      unprotected: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
}

async function requireUser(db: Parameters<typeof findUserByEmail>[0], email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new UserError(`Nessun utente con e-mail ${email}.`);
  return user;
}

/** The folder is held by another process: say which, and what to do instead. */
function lockedMessage(error: DataDirLockedError): string {
  const holder = readLock(error.dataDir) ?? error.holder;
  if (holder.port) {
    return (
      `Il server web dell'Osservatorio (processo ${holder.pid}, porta ${holder.port}) sta usando il database integrato ` +
      `in ${error.dataDir}, che accetta un solo processo alla volta.\n` +
      `Per gestire utenti e token: usare la pagina Amministrazione (http://localhost:${holder.port}/admin/utenti), ` +
      `oppure fermare il server e rieseguire questo comando.`
    );
  }
  return error.message;
}

async function main(): Promise<number> {
  const parsed = readSubcommand(parse, HELP);
  if ("exit" in parsed) return parsed.exit;
  const { values, command } = parsed;
  const usage = (message: string) => {
    console.error(`${message}\n\n${HELP}`);
    return 2;
  };
  if (!["create", "reset", "token", "revoke-token", "update", "disable", "enable", "list"].includes(command)) return usage(`Comando sconosciuto: ${command}`);
  if (["create", "reset", "token", "update", "disable", "enable"].includes(command) && !values.email) return usage("Manca --email.");
  if (command === "update" && values.role !== undefined && !isRole(values.role)) return usage(`Ruolo sconosciuto: usare --role ${ROLES.join("|")}.`);
  if (command === "create" && !isRole(values.role)) return usage(`Ruolo mancante o sconosciuto: usare --role ${ROLES.join("|")}.`);
  if (command === "revoke-token" && !/^\d+$/.test(values.id ?? "")) return usage("Manca --id del token.");
  if (values.comune !== undefined && !["create", "update"].includes(command)) return usage("--comune vale solo con create e update.");
  if (values.comune !== undefined && !/^\d{6}$/.test(values.comune) && !(command === "update" && values.comune === "nessuno")) {
    return usage(`--comune vuole il codice ISTAT a 6 cifre del comune (es. 055022)${command === "update" ? ", oppure nessuno" : ""}: "${values.comune}".`);
  }

  const config = env();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.OSSERVATORIO_DATA_DIR, holder: { command: "npm run user" } });
  try {
    await migrateToLatest(handle.db);
    const db = handle.db;
    const auth = standaloneAuth(db, await authSecret(db, config.BETTER_AUTH_SECRET, config.OSSERVATORIO_DATA_DIR));
    const actor = "npm run user";
    if (command === "create") {
      const user = await createUser(db, auth, {
        email: values.email as string,
        role: values.role as never,
        zones: values.zona,
        regions: values.regione,
        password: values.password,
        name: values.name,
        comune: values.comune,
      });
      await recordAudit(db, {
        actor,
        action: "user.create",
        subject: user.email,
        details: { role: values.role, zones: values.zona ?? [], regions: values.regione ?? [], ...(values.comune ? { comune: values.comune } : {}) },
      });
      console.log(`Utente ${user.email} creato.${values.password ? "" : ` Password: ${user.password}`}`);
    } else if (command === "reset") {
      const user = await requireUser(db, values.email as string);
      const password = values.password ?? generatePassword();
      await setPassword(db, auth, user.id, password);
      await recordAudit(db, { actor, action: "user.password_reset", subject: user.email });
      console.log(`Password di ${user.email} reimpostata; le sue sessioni sono chiuse.${values.password ? "" : ` Nuova password: ${password}`}`);
    } else if (command === "token") {
      const user = await requireUser(db, values.email as string);
      if (user.disabled) throw new UserError(`L'account ${user.email} è disattivato: riattivarlo prima di creargli un token.`);
      // An administrator who sees every zone gets a token for every region (tokens are always scoped).
      const everywhere = user.role === "admin" && user.zones.length === 0 && user.regions.length === 0;
      const regions = everywhere ? (await db.selectFrom("region").select("code").orderBy("code").execute()).map((r) => r.code) : user.regions;
      const unprotectedData = values.unprotected;
      const { id, token } = await createApiToken(db, { name: values.name ?? `token di ${user.email}`, zones: user.zones, regions, createdBy: user.id, unprotectedData });
      await recordAudit(db, { actor, action: "token.create", subject: `api_token:${id}`, details: { for: user.email, zones: user.zones, regions, unprotectedData } });
      const data = unprotectedData ? "dati non protetti" : "dati protetti dal segreto statistico";
      console.log(`Token API n. ${id} (sola lettura, zone di ${user.email}, ${data}). Copiarlo ora, non sarà più mostrato:\n${token}`);
    } else if (command === "revoke-token") {
      const ok = await revokeApiToken(db, Number(values.id));
      if (!ok) throw new UserError(`Nessun token attivo con id ${values.id}.`);
      await recordAudit(db, { actor, action: "token.revoke", subject: `api_token:${values.id}` });
      console.log(`Token ${values.id} revocato.`);
    } else if (command === "update") {
      const user = await requireUser(db, values.email as string);
      const next = {
        role: values.role && isRole(values.role) ? values.role : user.role,
        zones: values.zona ?? (values.regione ? [] : user.zones),
        regions: values.regione ?? (values.zona ? [] : user.regions),
      };
      let updated = user;
      if (values.role !== undefined || values.zona !== undefined || values.regione !== undefined || values.comune === undefined) {
        updated = await updateUserAccess(db, user.id, next);
        await recordAudit(db, {
          actor,
          action: "user.update",
          subject: user.email,
          details: {
            before: { role: user.role, zones: user.zones, regions: user.regions, comune: user.comune },
            after: { role: updated.role, zones: updated.zones, regions: updated.regions, comune: updated.comune },
          },
        });
      }
      if (values.comune !== undefined) {
        const istat = values.comune === "nessuno" ? null : values.comune;
        const bound = await setUserComune(db, user.id, istat);
        updated = bound.user;
        await recordAudit(db, { actor, action: "user.comune", subject: user.email, details: { before: bound.before, after: bound.user.comune } });
      }
      console.log(
        `Utente ${updated.email}: ${updated.role}, zone ${updated.zones.join(",") || "-"}, regioni ${updated.regions.join(",") || "-"}, comune ${updated.comune ?? "-"}.`,
      );
    } else if (command === "disable" || command === "enable") {
      const user = await requireUser(db, values.email as string);
      await setUserDisabled(db, user.id, command === "disable");
      await recordAudit(db, { actor, action: `user.${command}`, subject: user.email });
      console.log(command === "disable" ? `Account ${user.email} disattivato; le sue sessioni sono chiuse.` : `Account ${user.email} riattivato.`);
    } else {
      const [users, tokens] = await Promise.all([listUsers(db), listApiTokens(db)]);
      if (values.json) console.log(JSON.stringify({ users, tokens }));
      else {
        for (const u of users) {
          const comune = u.comune ? ` comune: ${u.comune}` : "";
          console.log(`${u.email.padEnd(40)} ${u.role.padEnd(14)} zone: ${u.zones.join(",") || "-"} regioni: ${u.regions.join(",") || "-"}${comune}${u.disabled ? " (disattivato)" : ""}`);
        }
        for (const t of tokens) {
          const state = t.revoked_at ? "revocato" : !t.owner_email || t.owner_disabled ? "non funziona (utente disattivato o eliminato)" : "attivo";
          console.log(`token ${String(t.id).padEnd(4)} ${t.name.padEnd(36)} di ${t.owner_email ?? "-"} ${t.unprotected_data ? "dati non protetti" : "dati protetti"} ${state}`);
        }
      }
    }
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main, (error) => (error instanceof DataDirLockedError ? lockedMessage(error) : error instanceof UserError ? error.message : null));
