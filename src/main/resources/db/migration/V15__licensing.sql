-- SageConnect's license server role (GATEHOUSE_LICENSE_SERVER_ENABLED): the licenses it answers for
-- at GET /api/validate, managed with `gatehouse license issue|revoke|list`. They belong to the
-- installation's operator, not to a tenant, so the table has no tenant and no row-level security;
-- only the server's own code reads it. A key is 256 random bits shown once when issued; only its
-- SHA-256 is kept.
create table licensing_licenses (
    id          bigint generated always as identity primary key,
    public_id   text        not null unique check (public_id like 'lic\_%'),
    key_hash    bytea       not null unique check (length(key_hash) = 32),
    customer    text        not null check (length(customer) between 1 and 200),
    expires_at  timestamptz,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);
grant select, insert, update on licensing_licenses to ${app_role};
