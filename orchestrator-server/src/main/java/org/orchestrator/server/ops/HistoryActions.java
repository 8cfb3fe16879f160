package org.orchestrator.server.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orchestrator.server.state.History;

/**
 * Trimming history (Airflow's {@code db clean}): finished runs, with their task instances, tries,
 * XComs and rendered fields, and asset events no waiting consumer needs. The audit log is kept:
 * it is the record of who did what, and the clean itself writes a row to it.
 */
public final class HistoryActions {

    private final Ground ground;
    private final History history = new History();

    HistoryActions(Ground ground) {
        this.ground = ground;
    }

    /**
     * What a clean would delete, and with {@code dryRun} false, deletes it.
     *
     * @param before runs that ended, and events recorded, before this instant go
     * @param dryRun count only: nothing is deleted and no audit row written
     * @return how many runs and asset events went (or would go)
     */
    public History.Trimmed clean(Actor actor, Instant before, boolean dryRun) {
        if (dryRun) {
            return ground.db().withHandle(h -> history.count(h, before));
        }
        return ground.audited(actor, h -> {
            History.Trimmed trimmed = history.trim(h, before);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("older_than", before.toString());
            extra.put("runs", trimmed.runs());
            extra.put("asset_events", trimmed.assetEvents());
            return new Ground.Done<>(trimmed, AuditTrail.Entry.of("db_clean", extra));
        });
    }
}
