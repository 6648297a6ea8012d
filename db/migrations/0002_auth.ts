import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Accounts and access (issue: access control). The auth_* tables are the ones
 * better-auth 1.7 expects for db/auth/config.ts (generated with its
 * getMigrations and frozen here); the others are ours: zone and region
 * grants, read-only API tokens (hashed) and login attempts for the lockout.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table "auth_user" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null, "role" text, "banned" boolean, "banReason" text, "banExpires" timestamptz);
    create table "auth_session" ("id" text not null primary key, "expiresAt" timestamptz not null, "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text, "userId" text not null references "auth_user" ("id") on delete cascade, "impersonatedBy" text);
    create table "auth_account" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "auth_user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null);
    create table "auth_verification" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);
    create table "auth_rate_limit" ("id" text not null primary key, "key" text not null unique, "count" integer not null, "lastRequest" bigint not null);
    create index "auth_session_userId_idx" on "auth_session" ("userId");
    create index "auth_account_userId_idx" on "auth_account" ("userId");
    create index "auth_verification_identifier_idx" on "auth_verification" ("identifier");

    create table user_zone (
      user_id text not null references "auth_user" ("id") on delete cascade,
      zone_code text not null references zone(code),
      primary key (user_id, zone_code)
    );
    create table user_region (
      user_id text not null references "auth_user" ("id") on delete cascade,
      region_code text not null references region(code),
      primary key (user_id, region_code)
    );

    create table api_token (
      id bigint generated always as identity primary key,
      name text not null,
      token_hash text not null unique,
      zones text[] not null default '{}',
      regions text[] not null default '{}',
      created_by text references "auth_user" ("id") on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table login_attempt (
      id bigint generated always as identity primary key,
      email text not null,
      at timestamptz not null default now(),
      success boolean not null,
      ip text
    );
    create index login_attempt_email_idx on login_attempt (email, at desc);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `drop table if exists login_attempt, api_token, user_region, user_zone, "auth_rate_limit", "auth_verification", "auth_account", "auth_session", "auth_user" cascade`,
  );
}
