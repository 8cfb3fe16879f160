package org.orchestrator.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
 * <p>The {@code KNOWN_*} lists name the classes that break a rule today, each waiting for the
 * operations layer (issue 16's {@code ops}) to take their writes and transactions; a class
 * leaves its list when it is fixed, and the lists only ever shrink. A class not listed that
 * breaks a rule fails this test.
 */
class ArchitectureTest {

    private static final String SERVER = "org.orchestrator.server";

    /** Adapters that still call state's write classes instead of an operation (the lead empties it after {@code ops}). */
    static final Set<String> KNOWN_STATE_WRITERS = Set.of(
            "cli.BackfillCommand", "connect.ConnectionStore", "connect.VariableStore",
            "http.auth.TokenAdmin", "http.auth.UserAdmin");

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
        slices().assignedFrom(BY_TOP_PACKAGE).should().beFreeOfCycles()
                // Known: the engine builds the operations layer with http/auth's credential store
                // (root → http → root). Goes when the caller hands Orchestrator its Credentials.
                .ignoreDependency(Orchestrator.class, org.orchestrator.server.http.auth.StoredCredentials.class)
                .check(server);
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
        noClasses().that().resideOutsideOfPackage(SERVER + ".state..")
                .should().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .check(server);
    }

    @Test
    void only_operations_and_engine_packages_call_the_classes_that_write_state() {
        noClasses().that(outside(WRITING_PACKAGES)).and(notListedIn(KNOWN_STATE_WRITERS))
                .should().accessTargetWhere(ownerWritesState())
                .check(server);
    }

    @Test
    void every_listed_violator_still_breaks_its_rule_so_the_lists_only_shrink() {
        for (String name : KNOWN_STATE_WRITERS) {
            assertThat(withNested(name).flatMap(c -> c.getAccessesFromSelf().stream()))
                    .as("%s no longer calls state's writing classes: take it off the list", name)
                    .anyMatch(ownerWritesState());
        }
    }

    /** @return the class named (relative to the server's package) and the classes nested in it */
    private static java.util.stream.Stream<JavaClass> withNested(String name) {
        return server.stream().filter(c -> c.getName().startsWith(SERVER + ".") && outerName(c).equals(name));
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

    private static DescribedPredicate<JavaClass> notListedIn(Set<String> known) {
        return DescribedPredicate.describe("not a known violator", c -> !known.contains(outerName(c)));
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
