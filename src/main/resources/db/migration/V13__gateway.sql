-- ERP Access: the upstream, the endpoint catalog, accounts, actors, credential sets, policies,
-- the schedule, the kill switch and gateway tokens. Every table carries tenant_id and the kernel's
-- row-level security policy. Relay and token events go to the kernel's audit trail.

-- One upstream per tenant. auth_config holds the non-secret fields of the auth (type, username,
-- header name, login path, body template, token pointer/header/prefix, ttl); auth_secret the
-- secret ones as sealed JSON (GATEWAY_UPSTREAM_SECRETS, bound to tenant, table, column and
-- public_id). session_token is the cached upstream session, sealed the same way, shared by all
-- nodes; session_version counts logins so a node that saw a 401 logs in again only once.
create table gateway_upstreams (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null unique references tenants (id),
    base_url            text        not null check (length(base_url) between 1 and 2048),
    auth_type           text        not null check (auth_type in ('none', 'basic', 'header', 'session')),
    auth_config         jsonb       not null default '{}',
    auth_secret         text,
    timeout_ms          integer     not null check (timeout_ms between 100 and 300000),
    max_request_bytes   bigint      not null check (max_request_bytes between 0 and 1073741824),
    max_response_bytes  bigint      not null check (max_response_bytes between 0 and 1073741824),
    session_token       text,
    session_expires_at  timestamptz,
    session_version     bigint      not null default 0,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
alter table gateway_upstreams enable row level security;
create policy tenant_isolation on gateway_upstreams
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
-- update: the vault's key rotation re-seals auth_secret and session_token.
grant select, insert, update on gateway_upstreams to ${app_role};

-- The catalog: what may be relayed at all. path_template is canonical (/customers/{id}).
create table gateway_endpoints (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    method              text        not null check (method ~ '^[A-Z]{1,16}$'),
    path_template       text        not null check (length(path_template) between 1 and 1024),
    summary             text        check (length(summary) <= 500),
    source              text        not null check (source in ('manual', 'import')),
    created_at          timestamptz not null,
    unique (tenant_id, method, path_template)
);
alter table gateway_endpoints enable row level security;
create policy tenant_isolation on gateway_endpoints
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, delete on gateway_endpoints to ${app_role};

create table gateway_accounts (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    name                text        not null check (length(name) between 1 and 200),
    status              text        not null default 'active' check (status in ('active', 'suspended')),
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index gateway_accounts_tenant on gateway_accounts (tenant_id, id);
alter table gateway_accounts enable row level security;
create policy tenant_isolation on gateway_accounts
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on gateway_accounts to ${app_role};

create table gateway_actors (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    account_id          bigint      not null references gateway_accounts (id),
    name                text        not null check (length(name) between 1 and 200),
    email               text        check (length(email) <= 254),
    status              text        not null default 'active' check (status in ('active', 'disabled')),
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index gateway_actors_account on gateway_actors (account_id, id);
alter table gateway_actors enable row level security;
create policy tenant_isolation on gateway_actors
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on gateway_actors to ${app_role};

-- A credential set. client_id is public; api_password is kept as an Argon2id hash (PHC string),
-- x_api_key as the kernel's keyed hash (hex). After a rotation with an overlap the previous
-- secrets keep working until previous_valid_until; then only the current ones do.
create table gateway_credentials (
    id                      bigint generated always as identity primary key,
    public_id               text        not null unique,
    tenant_id               bigint      not null references tenants (id),
    actor_id                bigint      not null references gateway_actors (id),
    client_id               text        not null unique,
    password_hash           text        not null,
    api_key_hash            text        not null unique,
    previous_password_hash  text,
    previous_api_key_hash   text        unique,
    previous_valid_until    timestamptz,
    kind                    text        not null default 'standard' check (kind in ('standard', 'admin_unrestricted')),
    status                  text        not null default 'active' check (status in ('active', 'revoked')),
    expires_at              timestamptz,
    rate_limit_per_minute   integer     check (rate_limit_per_minute between 1 and 1000000),
    allowed_ips             cidr[]      not null default '{}',
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    revoked_at              timestamptz,
    last_used_at            timestamptz
);
create index gateway_credentials_actor on gateway_credentials (actor_id, id);
alter table gateway_credentials enable row level security;
create policy tenant_isolation on gateway_credentials
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on gateway_credentials to ${app_role};

-- A policy belongs to exactly one account or one credential set. rules is a JSON array of
-- {"method": "GET"|"*", "path": "/customers/{id}"|"/orders/*"|"/reports/**"}. version grows on
-- every change, so an audit snapshot names the policy as it was.
create table gateway_policies (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    name                text        not null check (length(name) between 1 and 200),
    account_id          bigint      references gateway_accounts (id),
    credential_id       bigint      references gateway_credentials (id),
    rules               jsonb       not null default '[]',
    schedule_exempt     boolean     not null default false,
    version             integer     not null default 1,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    check ((account_id is null) <> (credential_id is null))
);
create index gateway_policies_account on gateway_policies (account_id) where account_id is not null;
create index gateway_policies_credential on gateway_policies (credential_id) where credential_id is not null;
create index gateway_policies_tenant on gateway_policies (tenant_id, id);
alter table gateway_policies enable row level security;
create policy tenant_isolation on gateway_policies
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update, delete on gateway_policies to ${app_role};

-- The tenant's schedule. A tenant without a row has the documented default:
-- Monday to Friday, 11:00 to 20:00 (end exclusive) in Asia/Karachi, enabled.
create table gateway_schedules (
    tenant_id           bigint      primary key references tenants (id),
    timezone            text        not null check (length(timezone) between 1 and 64),
    days                text[]      not null check (days <@ array['MON','TUE','WED','THU','FRI','SAT','SUN']),
    start_time          time        not null,
    end_time            time        not null,
    enabled             boolean     not null,
    updated_at          timestamptz not null
);
alter table gateway_schedules enable row level security;
create policy tenant_isolation on gateway_schedules
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on gateway_schedules to ${app_role};

-- The tenant's kill switch. A tenant without a row is not engaged.
create table gateway_kill_switches (
    tenant_id           bigint      primary key references tenants (id),
    engaged             boolean     not null,
    reason              text        check (length(reason) <= 500),
    engaged_by          text,
    engaged_at          timestamptz,
    updated_at          timestamptz not null
);
alter table gateway_kill_switches enable row level security;
create policy tenant_isolation on gateway_kill_switches
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on gateway_kill_switches to ${app_role};

-- Gateway tokens: the opaque gwt_ value is kept as the kernel's keyed hash only.
create table gateway_tokens (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    credential_id       bigint      not null references gateway_credentials (id),
    token_hash          text        not null unique,
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    revoked_at          timestamptz
);
create index gateway_tokens_credential on gateway_tokens (credential_id, id);
create index gateway_tokens_expiry on gateway_tokens (expires_at);
alter table gateway_tokens enable row level security;
create policy tenant_isolation on gateway_tokens
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
-- delete: expired tokens are pruned.
grant select, insert, update, delete on gateway_tokens to ${app_role};
