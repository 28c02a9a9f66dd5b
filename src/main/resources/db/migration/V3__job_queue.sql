-- The job queue of shared mode (issue 12). Jobs wait in db-scheduler's table, one
-- one-time task 'train-job' per job whose instance id is the job's id; the replica that
-- claims one marks it picked and renews last_heartbeat while it trains, and a replica
-- that finds a heartbeat older than descent.jobs.lease revives the task, so that another
-- replica resumes the job from its checkpoint. This is db-scheduler 16's PostgreSQL
-- schema (its postgresql_tables.sql), created here so that Flyway owns every table.

create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- A cancel sent to any replica sets cancel_requested, which the replica training the job
-- reads within a fraction of a second; the training replica sets registering before it
-- stores the model, after which a cancel is refused. Each is set only while the other is
-- not, in one statement, so exactly one of them wins. Saving a job's record leaves both.
alter table job add column cancel_requested boolean not null default false;
alter table job add column registering boolean not null default false;
