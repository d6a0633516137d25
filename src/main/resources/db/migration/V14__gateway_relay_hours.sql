-- ERP Access: relays per tenant and hour, for the portal's charts (the last 24 hours and 7 days).
-- Each node counts in memory and adds its counts here every few seconds, so a relay costs no write
-- of its own; the audit log stays the record of every single relay. reason is '' for allowed
-- relays and the denial's code (policy_denied, rate_limited, upstream_timeout…) otherwise. Rows
-- older than eight days are deleted by the nodes as they add theirs.
create table gateway_relay_hours (
    tenant_id   bigint      not null references tenants (id),
    hour        timestamptz not null check (extract(epoch from hour)::bigint % 3600 = 0),
    outcome     text        not null check (outcome in ('allowed', 'denied')),
    reason      text        not null check (length(reason) <= 64),
    count       bigint      not null check (count > 0),
    primary key (tenant_id, hour, outcome, reason)
);
create index gateway_relay_hours_hour on gateway_relay_hours (hour);
alter table gateway_relay_hours enable row level security;
create policy tenant_isolation on gateway_relay_hours
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update, delete on gateway_relay_hours to ${app_role};
