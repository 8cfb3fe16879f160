package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagProvider;

class ExampleDagsTest {

    @Test
    void service_loader_finds_the_provider_and_its_dags() {
        List<DagProvider> providers = ServiceLoader.load(DagProvider.class).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(providers).singleElement().isInstanceOf(ExampleDags.class);
        assertThat(providers.getFirst().dags()).extracting(Dag::id)
                .containsExactly("example_hello", "etl_orders_pipeline", "example_retries", "loans_etl", "server_logs_hourly",
                        "example_fan_out_fan_in", "example_sensors", "example_grouped_files", "example_mapped_files",
                        "orders_reporting");
    }

    @Test
    void every_dag_builds_the_same_structure_each_time() {
        List<String> first = new ExampleDags().dags().stream().map(Dag::structure).toList();
        List<String> second = new ExampleDags().dags().stream().map(Dag::structure).toList();

        assertThat(first).isEqualTo(second);
    }
}
