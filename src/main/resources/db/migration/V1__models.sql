-- The model registry of the shared backend (storage/shared/SharedModelStore). Weights are
-- blobs in the object store; a version's row is written after its blob, with its SHA-256.

-- One row per model that was ever allocated a version: the highest number ever handed
-- out, so that a number is never given twice, also after a delete.
CREATE TABLE model (
    name            text PRIMARY KEY,
    highest_version integer NOT NULL CHECK (highest_version >= 0),
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Published versions, immutable: metadata as the filesystem's model.json holds it.
CREATE TABLE model_version (
    model          text NOT NULL REFERENCES model (name),
    version        integer NOT NULL CHECK (version > 0),
    metadata       text NOT NULL,
    weights_key    text NOT NULL UNIQUE,
    weights_sha256 char(64) NOT NULL,
    weights_size   bigint NOT NULL,
    published_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, version)
);

CREATE TABLE model_version_tag (
    model   text NOT NULL,
    version integer NOT NULL,
    key     text NOT NULL,
    value   text NOT NULL,
    PRIMARY KEY (model, version, key),
    FOREIGN KEY (model, version) REFERENCES model_version (model, version) ON DELETE CASCADE
);

CREATE TABLE model_alias (
    model   text NOT NULL REFERENCES model (name),
    alias   text NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (model, alias)
);

-- Every applied alias move, kept after the alias and its versions are gone. at is kept
-- exactly: timestamptz holds microseconds, at_nano the nanosecond of the second.
CREATE TABLE model_alias_move (
    id           bigserial PRIMARY KEY,
    model        text NOT NULL,
    alias        text NOT NULL,
    from_version integer,
    to_version   integer,
    moved_at     timestamptz NOT NULL,
    at_nano      integer NOT NULL,
    moved_by     text NOT NULL,
    reason       text,
    rollback     boolean NOT NULL
);
CREATE INDEX model_alias_move_alias ON model_alias_move (model, alias, moved_at DESC, id DESC);

CREATE TABLE model_alias_policy (
    model             text NOT NULL REFERENCES model (name),
    alias             text NOT NULL,
    min_accuracy      double precision,
    must_beat_current boolean,
    margin            double precision,
    PRIMARY KEY (model, alias)
);
