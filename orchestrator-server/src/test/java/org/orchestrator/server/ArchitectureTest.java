package org.orchestrator.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's package rules (issue 16): no package cycles, {@code state} depends on nothing of the
 * server but {@code internal}, nothing outside {@code state} touches Jdbi, and only the
 * operations layer and the engine's packages call the classes of {@code state} that write.
 *
 * <p>There are no exceptions: each rule holds for every class of the server's main code.
 * {@code state} hands out {@link org.orchestrator.server.state.Tx}, which only its own verbs
 * can run statements with, so the engine and the operations compose writes without Jdbi.
 */
class ArchitectureTest {

    private static final String SERVER = "org.orchestrator.server";

    /** Where the engine and the operations live: the packages allowed to call state's writers. */
    private static final Set<String> WRITING_PACKAGES = Set.of("", "ops", "state", "execute", "schedule", "sweep",
            "cluster", "dagbag");

    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVER);
    }

    @Test
    void server_packages_form_no_cycles() {
        noCycles().check(server);
    }

    @Test
    void state_depends_only_on_api_rules_internal_and_its_libraries() {
        classes().that().resideInAPackage(SERVER + ".state..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax..", "org.jdbi..", "com.fasterxml.jackson..", "org.flywaydb..",
                        "com.zaxxer.hikari..", "org.h2..", "org.slf4j..", "org.orchestrator.api..", "org.orchestrator.rules..",
                        SERVER + ".state..", SERVER + ".internal..")
                .check(server);
    }

    @Test
    void nothing_outside_state_calls_jdbi() {
        noJdbiOutsideState().check(server);
    }

    @Test
    void only_operations_and_engine_packages_call_the_classes_that_write_state() {
        onlyOperationsAndEngineWrite().check(server);
    }

    /** Two test-only packages that break each rule on purpose: a rule that cannot fail would pass here too. */
    @Test
    void each_rule_fails_on_a_planted_cycle_jdbi_call_and_write() {
        JavaClasses planted = new ClassFileImporter().importPackages(SERVER + ".archfixturea", SERVER + ".archfixtureb",
                SERVER + ".state");

        assertThatThrownBy(() -> noCycles().check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("archfixturea").hasMessageContaining("archfixtureb");
        assertThatThrownBy(() -> noJdbiOutsideState().check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Ping").hasMessageContaining("org.jdbi.v3.core.Jdbi");
        assertThatThrownBy(() -> onlyOperationsAndEngineWrite().check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Ping.write").hasMessageContaining("Pools.put");
    }

    private static ArchRule noCycles() {
        return slices().assignedFrom(BY_TOP_PACKAGE).should().beFreeOfCycles();
    }

    private static ArchRule noJdbiOutsideState() {
        return noClasses().that().resideOutsideOfPackage(SERVER + ".state..")
                .should().dependOnClassesThat().resideInAPackage("org.jdbi..");
    }

    private static ArchRule onlyOperationsAndEngineWrite() {
        return noClasses().that(outside(WRITING_PACKAGES)).should().accessTargetWhere(ownerWritesState());
    }

    /** Slices by the package right under the server's ({@code http.api} belongs to {@code http}); the root package is one. */
    private static final SliceAssignment BY_TOP_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(topPackage(javaClass));
        }

        @Override
        public String getDescription() {
            return "the server's top-level packages";
        }
    };

    private static String topPackage(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(SERVER)) {
            return "";
        }
        String rest = name.substring(SERVER.length());
        if (rest.isEmpty()) {
            return "(root)";
        }
        int dot = rest.indexOf('.', 1);
        return dot < 0 ? rest.substring(1) : rest.substring(1, dot);
    }

    private static DescribedPredicate<JavaClass> outside(Set<String> packages) {
        return DescribedPredicate.describe("outside " + packages, c -> {
            String top = topPackage(c);
            return !packages.contains(top.equals("(root)") ? "" : top);
        });
    }

    /** A class of state that writes: its code runs an UPDATE, INSERT or DELETE in a {@code Tx}. */
    private static DescribedPredicate<JavaAccess<?>> ownerWritesState() {
        return DescribedPredicate.describe("a class of state that writes", access -> {
            JavaClass owner = access.getTargetOwner();
            return owner.getPackageName().equals(SERVER + ".state") && writes(owner);
        });
    }

    private static boolean writes(JavaClass stateClass) {
        return stateClass.getMethodCallsFromSelf().stream().anyMatch(call ->
                call.getTargetOwner().getName().equals(SERVER + ".state.Tx")
                        && Set.of("createUpdate", "prepareBatch").contains(call.getName()));
    }

    private static String outerName(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return (nested < 0 ? name : name.substring(0, nested)).substring(SERVER.length() + 1);
    }
}
