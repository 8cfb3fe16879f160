package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The DAG table: what was loaded, whether it is paused, its current version. */
public final class Dags {

    /**
     * A DAG as stored.
     *
     * @param dagId          id
     * @param paused         paused DAGs get no scheduled runs
     * @param active         false once its bundle no longer defines it
     * @param description    description
     * @param owners         owner
     * @param tags           comma-separated tags
     * @param schedule       schedule expression
     * @param timezone       zone id
     * @param fileloc        the bundle it came from
     * @param currentVersion its latest version hash
     * @param nextDagrun     when the next scheduled run is due, if known
     * @param lastParsed     when its bundle was last loaded (ignored when written: the write's time is stored)
     */
    public record DagRow(String dagId, boolean paused, boolean active, String description, String owners, String tags,
                         String schedule, String timezone, String fileloc, String currentVersion, Instant nextDagrun,
                         Instant lastParsed) {
        static final String COLUMNS = "dag_id, is_paused, is_active, description, owners, tags, schedule, timezone, "
                + "fileloc, current_version, next_dagrun, last_parsed";

        static final RowMapper<DagRow> MAPPER = (rs, ctx) -> new DagRow(rs.getString("dag_id"),
                rs.getBoolean("is_paused"), rs.getBoolean("is_active"), rs.getString("description"),
                rs.getString("owners"), rs.getString("tags"), rs.getString("schedule"), rs.getString("timezone"),
                rs.getString("fileloc"), rs.getString("current_version"), Rows.instant(rs, "next_dagrun"),
                Rows.instant(rs, "last_parsed"));
    }

    /** Inserts or refreshes a loaded DAG; a new DAG starts paused or not as configured. */
    public void upsert(Tx h, DagRow dag, Instant now) {
        int updated = h.createUpdate("UPDATE dag SET is_active = TRUE, description = :description, owners = :owners, "
                        + "tags = :tags, schedule = :schedule, timezone = :timezone, fileloc = :fileloc, "
                        + "current_version = :currentVersion, last_parsed = :now WHERE dag_id = :dagId")
                .bindMethods(dag).bind("now", now).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO dag (dag_id, is_paused, is_active, description, owners, tags, schedule, timezone, "
                            + "fileloc, current_version, last_parsed) VALUES (:dagId, :paused, TRUE, :description, "
                            + ":owners, :tags, :schedule, :timezone, :fileloc, :currentVersion, :now)")
                    .bindMethods(dag).bind("now", now).execute();
        }
    }

    /**
     * Records a version if it is new.
     *
     * @param source the bundle's source, or null when there is none (a jar, a DAG defined in code)
     */
    public void addVersion(Tx h, String dagId, String hash, String fileloc, String structure, String source, Instant now) {
        boolean known = h.createQuery("SELECT 1 FROM dag_version WHERE dag_id = :dag AND version_hash = :hash")
                .bind("dag", dagId).bind("hash", hash).mapTo(Integer.class).findOne().isPresent();
        if (!known) {
            h.createUpdate("INSERT INTO dag_version (dag_id, version_hash, fileloc, structure, source, created_at) "
                            + "VALUES (:dag, :hash, :file, :structure, :source, :now)")
                    .bind("dag", dagId).bind("hash", hash).bind("file", fileloc).bind("structure", structure)
                    .bind("source", source).bind("now", now).execute();
        }
    }

    /**
     * One stored version of a DAG.
     *
     * @param dagId     the DAG
     * @param hash      the version hash (what {@code dag_run.dag_version} holds)
     * @param fileloc   the bundle it came from
     * @param source    its source, or null when it had none
     * @param createdAt when it was first loaded
     */
    public record VersionRow(String dagId, String hash, String fileloc, String source, Instant createdAt) {
        static final RowMapper<VersionRow> MAPPER = (rs, ctx) -> new VersionRow(rs.getString("dag_id"),
                rs.getString("version_hash"), rs.getString("fileloc"), rs.getString("source"), Rows.instant(rs, "created_at"));
    }

    /** @return the DAG's versions, oldest first */
    public List<VersionRow> versions(Tx h, String dagId) {
        return h.createQuery("SELECT dag_id, version_hash, fileloc, source, created_at FROM dag_version "
                        + "WHERE dag_id = :dag ORDER BY created_at, version_hash")
                .bind("dag", dagId).map(VersionRow.MAPPER).list();
    }

    /** @return one version of the DAG, with its source: the code a run with that {@code dag_version} used */
    public Optional<VersionRow> version(Tx h, String dagId, String hash) {
        return h.createQuery("SELECT dag_id, version_hash, fileloc, source, created_at FROM dag_version "
                        + "WHERE dag_id = :dag AND version_hash = :hash")
                .bind("dag", dagId).bind("hash", hash).map(VersionRow.MAPPER).findOne();
    }

    /** @return the structure a version was stored with ({@link org.orchestrator.api.Dag#structure()}), if it is stored */
    public Optional<String> structure(Tx h, String dagId, String hash) {
        return h.createQuery("SELECT structure FROM dag_version WHERE dag_id = :dag AND version_hash = :hash")
                .bind("dag", dagId).bind("hash", hash).mapTo(String.class).findOne();
    }

    /**
     * Deletes a DAG and its history: runs (with their instances, tries, XComs and rendered fields),
     * versions, waiting callbacks and queued asset events. The audit log stays.
     *
     * @return how many runs were deleted
     */
    public int deleteWithHistory(Tx h, String dagId) {
        h.createUpdate("DELETE FROM callback_request WHERE dag_id = :dag").bind("dag", dagId).execute();
        h.createUpdate("DELETE FROM asset_dag_run_queue WHERE target_dag_id = :dag").bind("dag", dagId).execute();
        int runs = h.createUpdate("DELETE FROM dag_run WHERE dag_id = :dag").bind("dag", dagId).execute();
        h.createUpdate("DELETE FROM dag_version WHERE dag_id = :dag").bind("dag", dagId).execute();
        h.createUpdate("DELETE FROM dag WHERE dag_id = :dag").bind("dag", dagId).execute();
        return runs;
    }

    /** Marks DAGs no longer defined by any bundle as inactive; their history stays. */
    public void deactivateAllBut(Tx h, List<String> loaded) {
        if (loaded.isEmpty()) {
            h.createUpdate("UPDATE dag SET is_active = FALSE").execute();
            return;
        }
        h.createUpdate("UPDATE dag SET is_active = FALSE WHERE dag_id NOT IN (<ids>)").bindList("ids", loaded).execute();
    }

    /** @return all DAGs, by id */
    public List<DagRow> all(Tx h) {
        return h.createQuery("SELECT " + DagRow.COLUMNS + " FROM dag ORDER BY dag_id").map(DagRow.MAPPER).list();
    }

    /** @return the DAG */
    public Optional<DagRow> find(Tx h, String dagId) {
        return h.createQuery("SELECT " + DagRow.COLUMNS + " FROM dag WHERE dag_id = :dag").bind("dag", dagId).map(DagRow.MAPPER).findOne();
    }

    /** @return true if the DAG was found */
    public boolean setPaused(Tx h, String dagId, boolean paused) {
        return h.createUpdate("UPDATE dag SET is_paused = :paused WHERE dag_id = :dag")
                .bind("paused", paused).bind("dag", dagId).execute() == 1;
    }

    /** Stores when the next scheduled run is due (for display). */
    public void setNextDagrun(Tx h, String dagId, Instant next) {
        h.createUpdate("UPDATE dag SET next_dagrun = :next WHERE dag_id = :dag").bind("next", next).bind("dag", dagId).execute();
    }
}
