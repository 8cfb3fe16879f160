package org.orchestrator.server.state;

import java.util.Optional;

/** The rendered templated fields of each try, as one JSON object, already masked. */
public final class RenderedFields {

    /**
     * Records a try's rendered fields, replacing what an earlier start of the same try wrote
     * (execution is at-least-once).
     *
     * @param fieldsJson a JSON object of field name to rendered text
     */
    public void record(Tx h, long tiId, int tryNumber, String fieldsJson) {
        h.createUpdate("DELETE FROM rendered_fields WHERE ti_id = :ti AND try_number = :try")
                .bind("ti", tiId).bind("try", tryNumber).execute();
        h.createUpdate("INSERT INTO rendered_fields (ti_id, try_number, fields) VALUES (:ti, :try, :fields)")
                .bind("ti", tiId).bind("try", tryNumber).bind("fields", fieldsJson).execute();
    }

    /** @return the try's rendered fields as JSON, or empty when it had none (or has not started) */
    public Optional<String> of(Tx h, long tiId, int tryNumber) {
        return h.createQuery("SELECT fields FROM rendered_fields WHERE ti_id = :ti AND try_number = :try")
                .bind("ti", tiId).bind("try", tryNumber).mapTo(String.class).findOne();
    }
}
