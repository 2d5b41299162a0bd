-- PostgreSQL only (spring.flyway.locations adds db/migration-{vendor}): the ledger is append-only in
-- the database too, not only in the code that writes it (docs/ledger.md, docs/operations.md).
-- ledger_entry, ledger_node and ledger_privileged refuse UPDATE, DELETE and TRUNCATE; the single
-- ledger_head row may only move forward. A superuser can still disable these triggers: that is
-- what `tandem ledger verify` is for.

CREATE FUNCTION tandem_ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the Tandem ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'raise_exception',
              HINT = 'ledger rows are never changed; record a correction as a new entry';
END;
$$;

CREATE FUNCTION tandem_ledger_head_forward_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'the Tandem ledger head is never removed: % on ledger_head is refused', TG_OP
            USING ERRCODE = 'raise_exception';
    END IF;
    IF NEW.id <> OLD.id THEN
        RAISE EXCEPTION 'the Tandem ledger head keeps its id (% -> % refused)', OLD.id, NEW.id
            USING ERRCODE = 'raise_exception';
    END IF;
    IF NEW.tree_size < OLD.tree_size THEN
        RAISE EXCEPTION 'the Tandem ledger only grows: tree size % -> % refused', OLD.tree_size, NEW.tree_size
            USING ERRCODE = 'raise_exception';
    END IF;
    IF NEW.tree_size = OLD.tree_size AND NEW.root_hash <> OLD.root_hash THEN
        RAISE EXCEPTION 'the Tandem ledger head of size % cannot change its root hash', OLD.tree_size
            USING ERRCODE = 'raise_exception';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION tandem_ledger_refuse_change();
CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION tandem_ledger_refuse_change();

CREATE TRIGGER ledger_node_append_only BEFORE UPDATE OR DELETE ON ledger_node
    FOR EACH ROW EXECUTE FUNCTION tandem_ledger_refuse_change();
CREATE TRIGGER ledger_node_no_truncate BEFORE TRUNCATE ON ledger_node
    FOR EACH STATEMENT EXECUTE FUNCTION tandem_ledger_refuse_change();

CREATE TRIGGER ledger_privileged_append_only BEFORE UPDATE OR DELETE ON ledger_privileged
    FOR EACH ROW EXECUTE FUNCTION tandem_ledger_refuse_change();
CREATE TRIGGER ledger_privileged_no_truncate BEFORE TRUNCATE ON ledger_privileged
    FOR EACH STATEMENT EXECUTE FUNCTION tandem_ledger_refuse_change();

CREATE TRIGGER ledger_head_forward_only BEFORE UPDATE OR DELETE ON ledger_head
    FOR EACH ROW EXECUTE FUNCTION tandem_ledger_head_forward_only();
CREATE TRIGGER ledger_head_no_truncate BEFORE TRUNCATE ON ledger_head
    FOR EACH STATEMENT EXECUTE FUNCTION tandem_ledger_refuse_change();
