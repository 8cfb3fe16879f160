package org.orchestrator.dags;

import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.DagRunEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders pipeline's failure alert. Out of the box it needs no network: it writes one line to
 * the server's log naming the run and its link.
 */
final class OrdersAlerts implements DagRunCallback {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersAlerts.class);

    @Override
    public void call(DagRunEvent event) {
        LOG.error("ALERT {} run {} (logical date {}) ended {}{}", event.dagId(), event.runId(), event.logicalDate(),
                event.state().wireName(), event.runUrl().map(url -> ": " + url).orElse(""));
    }
}
