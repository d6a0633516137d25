-- SageConnect's runs: one row per cycle of one company (scheduled or manual), with its steps.
create table sync_runs (
    id             bigint generated always as identity primary key,
    public_id      text        not null unique check (public_id like 'run\_%'),
    tenant_id      bigint      not null references tenants (id),
    company_id     bigint      not null references sync_companies (id),
    trigger        text        not null check (trigger in ('schedule', 'manual')),
    status         text        not null
        check (status in ('queued', 'running', 'succeeded', 'failed', 'timed_out', 'skipped')),
    node           text        check (length(node) <= 200),
    created_at     timestamptz not null,
    started_at     timestamptz,
    ended_at       timestamptz,
    summary        text        check (length(summary) <= 2000),
    error          text        check (length(error) <= 2000),
    stuck_on_step  text        check (length(stuck_on_step) <= 100)
);
create index sync_runs_company on sync_runs (tenant_id, company_id, created_at desc);
create index sync_runs_recent on sync_runs (tenant_id, created_at desc);
alter table sync_runs enable row level security;
create policy tenant_isolation on sync_runs
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on sync_runs to ${app_role};

create table sync_run_steps (
    id          bigint generated always as identity primary key,
    tenant_id   bigint      not null references tenants (id),
    run_id      bigint      not null references sync_runs (id),
    position    smallint    not null check (position between 1 and 20),
    name        text        not null check (length(name) between 1 and 100),
    status      text        not null
        check (status in ('running', 'succeeded', 'failed', 'timed_out', 'skipped')),
    started_at  timestamptz,
    ended_at    timestamptz,
    summary     jsonb,
    error       text        check (length(error) <= 2000),
    unique (run_id, position)
);
alter table sync_run_steps enable row level security;
create policy tenant_isolation on sync_run_steps
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on sync_run_steps to ${app_role};

-- A company's cycle lock: a lease with an owner token. Only the owner releases it; an expired
-- lease is released by whichever node's reaper deletes it first, which records the timeout.
create table sync_locks (
    company_id    bigint      primary key references sync_companies (id),
    tenant_id     bigint      not null references tenants (id),
    owner_token   text        not null,
    run_public_id text        not null,
    acquired_at   timestamptz not null,
    expires_at    timestamptz not null,
    current_step  text
);
alter table sync_locks enable row level security;
create policy tenant_isolation on sync_locks
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update, delete on sync_locks to ${app_role};

-- db-scheduler's table (its PostgreSQL definition): each company's cron schedule, persistent and
-- picked by one node per tick.
create table scheduled_tasks (
    task_name             text                     not null,
    task_instance         text                     not null,
    task_data             bytea,
    execution_time        timestamp with time zone not null,
    picked                boolean                  not null,
    picked_by             text,
    last_success          timestamp with time zone,
    last_failure          timestamp with time zone,
    consecutive_failures  int,
    last_heartbeat        timestamp with time zone,
    version               bigint                   not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);
grant select, insert, update, delete on scheduled_tasks to ${app_role};
