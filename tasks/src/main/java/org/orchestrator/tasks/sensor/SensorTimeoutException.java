package org.orchestrator.tasks.sensor;

import org.orchestrator.api.OrchestratorException;

/**
 * A {@link Sensor} waited its whole timeout and the condition never held; the try fails with this
 * (unless the sensor soft-fails, then it is skipped).
 *
 * <pre>{@code
 * sensor timed out after PT2H (121 pokes) waiting for file /data/in/orders.csv
 * }</pre>
 */
public class SensorTimeoutException extends OrchestratorException {

    /**
     * Creates the exception.
     *
     * @param message what was waited for, and for how long
     */
    public SensorTimeoutException(String message) {
        super(message);
    }
}
