-- Jobs, their checkpoints, uploaded data sets and sweeps (descent.storage.kind=shared).
-- Each record is the JSON the filesystem backend keeps in its file, beside the columns a
-- query needs; blobs (checkpoints, data set files) are in the object store, and a row
-- names its blob with the blob's SHA-256. A blob is written before its row and removed
-- after it, so a row never names a missing or half-written blob.

create table job (
    id         text primary key,
    state      text not null,
    record     jsonb not null,
    updated_at timestamptz not null default now()
);

create table job_checkpoint (
    job_id     text primary key,
    blob_key   text not null unique,
    sha256     char(64) not null,
    size       bigint not null check (size >= 0),
    written_at timestamptz not null default now()
);

create table dataset (
    name        text primary key,
    description jsonb not null,
    blob_prefix text not null unique,
    created_at  timestamptz not null default now()
);

create table sweep (
    id         text primary key,
    state      text not null,
    record     jsonb not null,
    updated_at timestamptz not null default now()
);
