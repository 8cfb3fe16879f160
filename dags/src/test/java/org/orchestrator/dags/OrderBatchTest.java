package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderBatchTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Test
    void the_same_day_gives_the_same_rows() {
        assertThat(OrderBatch.rowsFor(DAY)).isEqualTo(OrderBatch.rowsFor(LocalDate.of(2026, 3, 2)));
    }

    @Test
    void different_days_give_different_rows() {
        assertThat(OrderBatch.rowsFor(DAY)).doesNotContainAnyElementsOf(OrderBatch.rowsFor(DAY.plusDays(1)));
    }

    @Test
    void every_seventh_row_is_malformed_and_the_others_are_valid_orders_of_that_day() {
        List<String> rows = OrderBatch.rowsFor(DAY);
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                Order order = Order.parse(rows.get(i));
                assertThat(order.orderDate()).isEqualTo(DAY);
                assertThat(order.orderId()).isEqualTo(String.format("ORD-20260302-%03d", i + 1));
            } catch (Order.BadRowException e) {
                assertThat((i + 1) % 7).as("row %d is malformed", i + 1).isZero();
                reasons.add(e.getMessage());
            }
        }
        assertThat(rows).hasSize(24);
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).isEqualTo("missing customer_id");
        assertThat(reasons.get(1)).endsWith("is not positive");
        assertThat(reasons.get(2)).isEqualTo("amount 'n/a' is not a number");
    }

    @Test
    void a_valid_row_round_trips_through_csv() throws Exception {
        Order order = Order.parse("ORD-1,C100,12.50,2026-03-02");

        assertThat(order).isEqualTo(new Order("ORD-1", "C100", new BigDecimal("12.50"), DAY));
        assertThat(order.toCsv()).isEqualTo("ORD-1,C100,12.50,2026-03-02");
    }

    @Test
    void rows_with_wrong_shape_or_values_are_rejected_with_a_reason() {
        assertThatThrownBy(() -> Order.parse("ORD-1,C100,12.50")).hasMessage("expected 4 fields, got 3");
        assertThatThrownBy(() -> Order.parse(",C100,12.50,2026-03-02")).hasMessage("missing order_id");
        assertThatThrownBy(() -> Order.parse("ORD-1,C100,0,2026-03-02")).hasMessage("amount 0 is not positive");
        assertThatThrownBy(() -> Order.parse("ORD-1,C100,1,yesterday")).hasMessage("order_date 'yesterday' is not a date");
    }
}
