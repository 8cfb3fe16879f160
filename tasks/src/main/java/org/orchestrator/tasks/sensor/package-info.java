/**
 * Tasks that wait for a condition: the {@link org.orchestrator.tasks.sensor.Sensor} base (poke
 * interval, timeout, soft fail, backoff) and sensors for files, SQL, HTTP and other DAGs' tasks.
 * A waiting sensor parks its (virtual) thread.
 */
package org.orchestrator.tasks.sensor;
