-- Kernel identity: portal users of a tenant and their TOTP recovery codes.
-- A person signs in with e-mail alone, so e-mail is unique across the installation (stored
-- lowercased). Sign-in looks the address up in the system scope; everything else is per tenant.

create table users (
    id                   bigint generated always as identity primary key,
    public_id            text        not null unique check (public_id ~ '^usr_[0-9a-z]{26}$'),
    tenant_id            bigint      not null references tenants (id),
    email                text        not null check (email = lower(email) and length(email) between 3 and 254),
    display_name         text        not null check (length(display_name) between 1 and 200),
    role                 text        not null check (role in ('owner', 'admin', 'operator', 'viewer')),
    status               text        not null default 'active' check (status in ('active', 'disabled')),
    -- Argon2 PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash): parameters travel with the hash.
    password_hash        text        not null check (password_hash like '$argon2%'),
    must_change_password boolean     not null default false,
    -- Sealed by the vault (text form v1.<key>.<payload>), bound to (tenant, users, totp_secret, public_id).
    -- Set by the first enrolment step; second factor is on only once totp_enabled_at is set.
    totp_secret          text,
    totp_enabled_at      timestamptz,
    -- The last accepted 30-second step, so a code cannot be replayed.
    totp_last_step       bigint,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    last_signed_in_at    timestamptz,
    check (totp_enabled_at is null or totp_secret is not null)
);
create unique index users_email on users (email);
create index users_tenant_public_id on users (tenant_id, public_id);

alter table users enable row level security;
create policy tenant_isolation on users
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update, delete on users to ${app_role};

-- Single-use recovery codes, stored as SHA-256 of the normalized code.
create table recovery_codes (
    id              bigint generated always as identity primary key,
    user_id         bigint      not null references users (id) on delete cascade,
    tenant_id       bigint      not null references tenants (id),
    code_hash       bytea       not null check (length(code_hash) = 32),
    used_at         timestamptz,
    unique (user_id, code_hash)
);

alter table recovery_codes enable row level security;
create policy tenant_isolation on recovery_codes
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update, delete on recovery_codes to ${app_role};
