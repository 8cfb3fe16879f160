package org.orchestrator.dags;

import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.tasks.notify.WebhookNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders pipeline's failure alert: posted to the Slack-compatible webhook of connection
 * {@value #CONNECTION} when one is configured (e.g. {@code ORCHESTRATOR_CONN_ORDERS_ALERTS}),
 * else one line in the server's log. Out of the box it needs no network.
 */
final class OrdersAlerts implements DagRunCallback {

    static final String CONNECTION = "orders_alerts";
    private static final Logger LOG = LoggerFactory.getLogger(OrdersAlerts.class);

    private final WebhookNotifier webhook = WebhookNotifier.via(CONNECTION).build();

    @Override
    public void call(DagRunEvent event) throws Exception {
        if (configured(event)) {
            webhook.call(event);
            return;
        }
        LOG.error("ALERT {} run {} (logical date {}) ended {}{}; configure connection '{}' to post this to a webhook",
                event.dagId(), event.runId(), event.logicalDate(), event.state().wireName(),
                event.runUrl().map(url -> ": " + url).orElse(""), CONNECTION);
    }

    private static boolean configured(DagRunEvent event) {
        try {
            event.resources().connection(CONNECTION);
            return true;
        } catch (OrchestratorException unknown) {
            return false;
        }
    }
}
