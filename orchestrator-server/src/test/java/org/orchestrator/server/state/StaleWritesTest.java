package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.TaskState;

/** A try that no longer owns its task instance cannot write its outcome or XComs; each attempt is counted. */
class StaleWritesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final StateDb db = StateDb.open();
    private final TaskInstances tis = new TaskInstances();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_late_outcome_of_a_replaced_try_is_rejected_counted_and_leaves_the_new_try_running() {
        long id = db.scheduled(db.run("d", "r1", T0), 1).getFirst();
        TaskInstanceRow firstTry = claim(id);
        TaskInstanceRow secondTry = retried(firstTry);
        long before = StaleWrites.count();

        boolean applied = finish(firstTry, TaskState.SUCCESS, T0.plusSeconds(2));

        assertThat(applied).isFalse();
        assertThat(StaleWrites.count()).isEqualTo(before + 1);
        TaskInstanceRow stored = db.instance(id);
        assertThat(stored.state()).isEqualTo(TaskState.RUNNING);
        assertThat(stored.tryNumber()).isEqualTo(secondTry.tryNumber()).isEqualTo(2);
    }

    @Test
    void an_outcome_after_an_operator_marked_the_instance_is_rejected_and_counted() {
        long id = db.scheduled(db.run("d", "r1", T0), 1).getFirst();
        TaskInstanceRow running = claim(id);
        db.transactions().useTransaction(h -> tis.mark(h, running, TaskState.FAILED, T0));
        long before = StaleWrites.count();

        assertThat(finish(running, TaskState.SUCCESS, T0.plusSeconds(1))).isFalse();

        assertThat(StaleWrites.count()).isEqualTo(before + 1);
        assertThat(db.instance(id).state()).isEqualTo(TaskState.FAILED);
    }

    @Test
    void the_outcome_of_a_try_whose_run_was_deleted_is_rejected_without_failing_its_batch() {
        long run = db.run("d", "r1", T0);
        List<Long> ids = db.scheduled(run, 2);
        TaskInstanceRow orphan = claim(ids.get(0));
        TaskInstanceRow kept = claim(ids.get(1));
        long other = db.run("d", "r2", T0.plusSeconds(60));
        TaskInstanceRow live = claim(db.scheduled(other, 1).getFirst());
        db.jdbi().useTransaction(h -> h.execute("DELETE FROM dag_run WHERE id = ?", run));
        List<TryEnd> ends = List.of(end(orphan, TaskState.SUCCESS), end(kept, TaskState.SUCCESS), end(live, TaskState.SUCCESS));

        boolean[] applied = db.transactions().inTransaction(h -> {
            boolean[] moved = tis.finishTries(h, ends, T0);
            new TaskTries().finishAll(h, ends, T0);
            return moved;
        });

        assertThat(applied).containsExactly(false, false, true);
        assertThat(db.instance(live.id()).state()).isEqualTo(TaskState.SUCCESS);
        assertThat(db.tries(live.id())).extracting(TaskTries.TryRow::state).containsExactly(TaskState.SUCCESS);
    }

    @Test
    void only_the_owning_try_can_push_an_xcom() {
        long id = db.scheduled(db.run("d", "r1", T0), 1).getFirst();
        TaskInstanceRow firstTry = claim(id);
        TaskInstanceRow secondTry = retried(firstTry);
        XComs xcoms = new XComs();
        long before = StaleWrites.count();

        boolean late = db.transactions().inTransaction(h -> xcoms.push(h, firstTry, "k", "\"late\""));
        boolean owner = db.transactions().inTransaction(h -> xcoms.push(h, secondTry, "k", "\"owner\""));
        boolean lateAgain = db.transactions().inTransaction(h -> xcoms.push(h, firstTry, "k", "\"late again\""));

        assertThat(List.of(late, owner, lateAgain)).containsExactly(false, true, false);
        assertThat(StaleWrites.count()).isEqualTo(before + 2);
        java.util.Optional<String> stored = db.transactions().withHandle(h -> xcoms.pull(h, secondTry.runPk(), "t0", "k"));
        assertThat(stored).contains("\"owner\"");
    }

    /** The try fails, its retry comes due and is claimed: @return the next try, now the owner */
    private TaskInstanceRow retried(TaskInstanceRow ti) {
        finish(ti, TaskState.UP_FOR_RETRY, T0);
        db.transactions().useTransaction(h -> tis.retryDue(h, ti.id(), T0.plusSeconds(1)));
        return claim(ti.id());
    }

    private TaskInstanceRow claim(long id) {
        List<TaskInstanceRow> started = db.transactions().inTransaction(h -> tis.claimAndStart(h, List.of(db.instance(id)), "node-a", T0));
        assertThat(started).hasSize(1);
        return started.getFirst();
    }

    private boolean finish(TaskInstanceRow ti, TaskState to, Instant now) {
        return db.transactions().inTransaction(h -> tis.finishTries(h, List.of(end(ti, to)), now))[0];
    }

    private static TryEnd end(TaskInstanceRow ti, TaskState to) {
        Instant retryAt = to == TaskState.UP_FOR_RETRY ? T0 : null;
        return new TryEnd(ti.id(), ti.tryNumber(), to, retryAt, null, ti.node(), ti.startDate(), "log");
    }
}
