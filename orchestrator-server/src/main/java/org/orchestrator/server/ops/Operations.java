package org.orchestrator.server.ops;

import java.time.Clock;
import java.util.function.Supplier;
import org.orchestrator.rules.ParamCheck;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.connect.SecretCipher;
import org.orchestrator.server.schedule.RunCreator;

/**
 * Every operator action, once: the REST API, the dashboard (through the REST API) and the
 * command line call these and nothing else to change what operators change. Each action is one
 * transaction that checks the transition tables, writes one audit row naming its {@link Actor},
 * and wakes the {@link Loops} it affects after its commit.
 *
 * <pre>{@code
 * Operations ops = orchestrator.ops();
 * ops.dags().pause(Actor.cli(), "orders", true);
 * ops.runs().setState(actor, run, DagRunState.FAILED);
 * }</pre>
 */
public final class Operations {

    private final RunActions runs;
    private final TaskActions tasks;
    private final DagActions dags;
    private final PoolActions pools;
    private final ConnectionActions connections;
    private final VariableActions variables;
    private final AccountActions accounts;
    private final AssetActions assets;
    private final HistoryActions history;

    /**
     * @param database    the database
     * @param clock       time
     * @param creator     creates runs (and, in a server, starts them)
     * @param loops       woken after a commit
     * @param cipher      the secrets' key, asked for only by connection and variable changes
     * @param unknownConfKeys whether a trigger's conf may name keys that are no param of the DAG
     */
    public Operations(Database database, Clock clock, RunCreator creator, Loops loops, Supplier<SecretCipher> cipher,
                      ParamCheck.UnknownKeys unknownConfKeys) {
        Ground ground = new Ground(database.transactions(), clock, new AuditTrail(clock), loops);
        this.runs = new RunActions(ground, creator, unknownConfKeys);
        this.tasks = new TaskActions(ground, database.reads());
        this.dags = new DagActions(ground);
        this.pools = new PoolActions(ground);
        this.connections = new ConnectionActions(ground, cipher);
        this.variables = new VariableActions(ground, cipher);
        this.accounts = new AccountActions(ground);
        this.assets = new AssetActions(ground);
        this.history = new HistoryActions(ground);
    }

    /**
     * The actions for a process that runs no engine loops (the command line): runs it creates
     * stay queued for a server's sweep, pauses reach the triggers at its next schedule refresh.
     */
    public static Operations withoutLoops(Database database, Clock clock, Supplier<SecretCipher> cipher) {
        return withoutLoops(database, clock, cipher, ParamCheck.UnknownKeys.ALLOW);
    }

    /** As {@link #withoutLoops(Database, Clock, Supplier)}, with the server's policy for unknown conf keys. */
    public static Operations withoutLoops(Database database, Clock clock, Supplier<SecretCipher> cipher,
                                          ParamCheck.UnknownKeys unknownConfKeys) {
        return new Operations(database, clock, new RunCreator(database.transactions(), clock, null, queued -> { }),
                Loops.NONE, cipher, unknownConfKeys);
    }

    /** @return trim old history (db clean) */
    public HistoryActions history() {
        return history;
    }

    /** @return trigger, clear, set state, delete, note a DAG run */
    public RunActions runs() {
        return runs;
    }

    /** @return clear, mark, note task instances */
    public TaskActions tasks() {
        return tasks;
    }

    /** @return pause and unpause DAGs */
    public DagActions dags() {
        return dags;
    }

    /** @return create, change, delete pools */
    public PoolActions pools() {
        return pools;
    }

    /** @return add, change, delete connections */
    public ConnectionActions connections() {
        return connections;
    }

    /** @return set, change, delete variables */
    public VariableActions variables() {
        return variables;
    }

    /** @return asset events posted from outside */
    public AssetActions assets() {
        return assets;
    }

    /** @return create and delete users, create and revoke tokens */
    public AccountActions accounts() {
        return accounts;
    }
}
