package org.orchestrator.server.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.Assets;

/** Asset events from outside: a storage notification, a CI job or another system says "this data changed". */
public final class AssetActions {

    private final Ground ground;
    private final Assets assets = new Assets();

    AssetActions(Ground ground) {
        this.ground = ground;
    }

    /**
     * Records an event on a known asset and queues it for the DAGs scheduled on it, with one audit
     * row, then wakes the creation of asset-triggered runs.
     *
     * @param uri   the asset's URI
     * @param extra what the producer says about the update (stored as JSON), or null
     * @return the event's key
     * @throws OperationException (not found) when no DAG declares the asset
     */
    public long recordEvent(Actor actor, String uri, Map<String, Object> extra) {
        Map<String, Object> given = extra == null ? Map.of() : extra;
        long event = ground.audited(actor, h -> {
            long id = assets.record(h, uri, Assets.Source.EXTERNAL, Json.write(given), ground.clock().instant())
                    .orElseThrow(() -> OperationException.notFound("asset " + OperationException.quote(uri)
                            + " not found; an asset is known once a DAG declares it as an outlet or in its schedule"));
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("asset_uri", uri);
            audit.put("event_id", id);
            return new Ground.Done<>(id, AuditTrail.Entry.of("create_asset_event", audit));
        });
        ground.loops().assetEventRecorded();
        return event;
    }
}
