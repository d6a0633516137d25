-- Webhook delivery: why a delivery ended without success, and one row per attempt for the
-- delivery log. Response bodies are never stored; an attempt keeps its status code or an error
-- class, and how long it took.

alter table webhook_deliveries add column failure_reason text check (length(failure_reason) <= 100);
-- The delivery log lists a tenant's deliveries newest first.
create index webhook_deliveries_tenant on webhook_deliveries (tenant_id, id);

create table webhook_attempts (
    id                  bigint generated always as identity primary key,
    tenant_id           bigint      not null references tenants (id),
    delivery_id         bigint      not null references webhook_deliveries (id),
    attempt             integer     not null check (attempt >= 1),
    attempted_at        timestamptz not null,
    status_code         integer     check (status_code between 100 and 999),
    error               text        check (length(error) <= 100),
    duration_ms         integer     not null check (duration_ms >= 0),
    -- A delivery's attempt is recorded once, by the node whose compare-and-swap won.
    unique (delivery_id, attempt)
);

alter table webhook_attempts enable row level security;
create policy tenant_isolation on webhook_attempts
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert on webhook_attempts to ${app_role};
