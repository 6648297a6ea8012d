import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Services (issue 14): the ISTAT survey's service categories as reference
 * data; a service's category, nomenclatore code with its validity, management
 * mode, the comuni it serves and its sedi; the staff of the services at a
 * date (import kind `personale`), versioned like the other imported rows;
 * notes on a service.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table service_category (
      code text primary key check (code ~ '^[A-Z][A-Z0-9_]*$'),
      name text not null,
      source text not null
    );
    insert into service_category (code, name, source) values
      ('PSW', 'Servizio sociale professionale', 'ISTAT CATEGORY_OF_SERVICE'),
      ('HOMECARE', 'Assistenza domiciliare socio-assistenziale', 'ISTAT CATEGORY_OF_SERVICE'),
      ('HOMEHEALTH', 'Assistenza domiciliare integrata con servizi sanitari', 'ISTAT CATEGORY_OF_SERVICE'),
      ('HEALTHV', 'Voucher, assegno di cura, buono socio-sanitario', 'ISTAT CATEGORY_OF_SERVICE'),
      ('REMASS', 'Telesoccorso e teleassistenza', 'ISTAT CATEGORY_OF_SERVICE'),
      ('PROXIM', 'Servizi di prossimità (buon vicinato)', 'ISTAT CATEGORY_OF_SERVICE'),
      ('DAYC', 'Centri diurni', 'ISTAT CATEGORY_OF_SERVICE'),
      ('AGGRC', 'Centri di aggregazione sociali', 'ISTAT CATEGORY_OF_SERVICE'),
      ('RICSOC', 'Attività ricreative, sociali, culturali', 'ISTAT CATEGORY_OF_SERVICE'),
      ('EMPLOY', 'Sostegno socio-educativo e all''inserimento lavorativo', 'ISTAT CATEGORY_OF_SERVICE');

    alter table service add column category_code text references service_category(code);
    alter table service add column nomenclatore_code text;
    alter table service add column nomenclatore_from date;
    alter table service add column nomenclatore_to date;
    alter table service add column management_mode text check (management_mode in ('diretta','appalto','convenzione','accreditamento'));
    alter table service add column comuni jsonb not null default '[]'::jsonb;
    alter table service add column sedi jsonb not null default '[]'::jsonb;
    alter table service add constraint service_nomenclatore_dates_check
      check (nomenclatore_from is null or nomenclatore_to is null or nomenclatore_to >= nomenclatore_from);

    create table staff_position (
      zone_code text not null references zone(code),
      id bigint generated always as identity,
      as_of date not null,
      profile text not null check (profile in ('assistente_sociale','educatore','psicologo','amministrativo','mediatore','oss','altro')),
      employer text not null check (employer in ('comune','ats','asl','terzo_settore','altro')),
      employer_comune text references comune(istat),
      service_code text,
      sede text,
      fte numeric(8,2) not null check (fte >= 0),
      batch_id bigint references import_batch(id),
      replaced_by_batch bigint references import_batch(id),
      primary key (zone_code, id),
      check (employer_comune is null or employer = 'comune')
    );
    create unique index staff_position_current_idx on staff_position
      (zone_code, as_of, profile, employer, coalesce(employer_comune, ''), coalesce(service_code, ''), coalesce(sede, ''))
      where replaced_by_batch is null;
    create index staff_position_batch_idx on staff_position (batch_id);

    alter table import_batch drop constraint if exists import_batch_kind_check;
    alter table import_batch add constraint import_batch_kind_check check (kind in
      ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','leps','personale','demo','riferimento'));

    alter table note drop constraint if exists note_subject_kind_check;
    alter table note add constraint note_subject_kind_check check (subject_kind in ('indicator','target','comune','service'));
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table note drop constraint if exists note_subject_kind_check;
    alter table note add constraint note_subject_kind_check check (subject_kind in ('indicator','target','comune'));
    alter table import_batch drop constraint if exists import_batch_kind_check;
    alter table import_batch add constraint import_batch_kind_check check (kind in
      ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','leps','demo','riferimento'));
    drop table if exists staff_position;
    alter table service drop constraint if exists service_nomenclatore_dates_check;
    alter table service drop column if exists sedi;
    alter table service drop column if exists comuni;
    alter table service drop column if exists management_mode;
    alter table service drop column if exists nomenclatore_to;
    alter table service drop column if exists nomenclatore_from;
    alter table service drop column if exists nomenclatore_code;
    alter table service drop column if exists category_code;
    drop table if exists service_category;
  `,
  );
}
