/**
 * Alerts usable as task and DAG-run callbacks: {@link org.orchestrator.tasks.notify.EmailNotifier}
 * (SMTP) and {@link org.orchestrator.tasks.notify.WebhookNotifier} (Slack-compatible webhooks).
 */
package org.orchestrator.tasks.notify;
