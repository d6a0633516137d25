-- Connect Domain: applications, connections, usage, and the webhook outbox.
-- Every table carries tenant_id and the kernel's row-level security policy.

-- Each tenant's connection limit. New tenants get DOMAINS_DEFAULT_MAX_CONNECTIONS; tenants that
-- exist already get that setting's documented default, 100. Operators change it per tenant.
alter table tenants add column max_connections integer check (max_connections between 0 and 1000000);
update tenants set max_connections = 100;
alter table tenants alter column max_connections set not null;

create table domain_applications (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    name                text        not null check (length(name) between 1 and 200),
    target_cname        text,
    target_ipv4         text[]      not null default '{}',
    target_ipv6         text[]      not null default '{}',
    origin              text        not null,
    allowed_origins     text[]      not null default '{}',
    webhook_url         text,
    -- Sealed by the vault (WEBHOOK_SECRETS), bound to tenant, table, column and public_id.
    webhook_secret      text        not null,
    webhook_disabled_at timestamptz,
    status              text        not null default 'active' check (status in ('active', 'disabled')),
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    deleted_at          timestamptz,
    check (target_cname is not null or cardinality(target_ipv4) > 0 or cardinality(target_ipv6) > 0)
);
create index domain_applications_tenant on domain_applications (tenant_id, id) where deleted_at is null;

alter table domain_applications enable row level security;
create policy tenant_isolation on domain_applications
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on domain_applications to ${app_role};

create table domain_connections (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    application_id      bigint      not null references domain_applications (id),
    hostname            text        not null check (length(hostname) between 1 and 253),
    status              text        not null check (status in ('pending', 'verified', 'live', 'failed', 'removed')),
    -- Shown to the tenant as the TXT value to create; never logged.
    challenge           text        not null,
    end_user_ref        text        check (length(end_user_ref) <= 128),
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    verified_at         timestamptz,
    live_at             timestamptz,
    removed_at          timestamptz,
    last_checked_at     timestamptz,
    last_check          jsonb,
    failure_reason      text,
    -- pending/verified become failed after this; reset when a manual verify revives a failed one.
    deadline_at         timestamptz not null,
    -- Worker schedule: when the next background check is due, and how many ran so far.
    next_check_at       timestamptz,
    check_count         integer     not null default 0
);
-- One open connection per application and hostname (idempotent create).
create unique index domain_connections_open on domain_connections (application_id, hostname)
    where status <> 'removed';
-- A hostname is verified or live in one place only, whatever the tenant: the database holds the line.
create unique index domain_connections_claimed on domain_connections (hostname)
    where status in ('verified', 'live');
create index domain_connections_list on domain_connections (application_id, id);
create index domain_connections_due on domain_connections (next_check_at)
    where status in ('pending', 'verified', 'live');
create index domain_connections_quota on domain_connections (tenant_id)
    where status not in ('removed', 'failed');

alter table domain_connections enable row level security;
create policy tenant_isolation on domain_connections
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on domain_connections to ${app_role};

-- One row per connection and month it went live; the unique key makes metering exactly once.
create table domain_usage (
    id                  bigint generated always as identity primary key,
    tenant_id           bigint      not null references tenants (id),
    connection_id       bigint      not null references domain_connections (id),
    month               date        not null check (extract(day from month) = 1),
    went_live_at        timestamptz not null,
    unique (connection_id, month)
);
create index domain_usage_tenant_month on domain_usage (tenant_id, month);

alter table domain_usage enable row level security;
create policy tenant_isolation on domain_usage
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert on domain_usage to ${app_role};

-- The durable webhook outbox: written in the transaction that changes the connection, sent by
-- any node. event_id (evt_…) is the webhook-id on every attempt.
create table webhook_deliveries (
    id                  bigint generated always as identity primary key,
    event_id            text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    application_id      bigint      not null references domain_applications (id),
    event_type          text        not null,
    -- The exact JSON body that is signed and sent.
    payload             text        not null,
    status              text        not null default 'pending'
                        check (status in ('pending', 'delivered', 'failed', 'disabled')),
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz,
    last_attempt_at     timestamptz,
    last_status_code    integer,
    last_error          text,
    created_at          timestamptz not null,
    delivered_at        timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_application on webhook_deliveries (tenant_id, application_id, id);

alter table webhook_deliveries enable row level security;
create policy tenant_isolation on webhook_deliveries
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on webhook_deliveries to ${app_role};
