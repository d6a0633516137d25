-- Cache invalidation across nodes: every node LISTENs on gatehouse_invalidation, applies what it
-- hears, and records the last invalidation it applied, so the node that published one can wait
-- until every live node has applied it before answering.
create table cluster_nodes (
    node_id             text        primary key,
    started_at          timestamptz not null default now(),
    heartbeat_at        timestamptz not null default now(),
    seen_invalidation   bigint      not null default 0
);
grant select, insert, update, delete on cluster_nodes to ${app_role};

create sequence cache_invalidation_seq;
grant usage, select on sequence cache_invalidation_seq to ${app_role};
