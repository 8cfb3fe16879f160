package org.orchestrator.rules;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Which states each state may move to; the storage behind {@link TaskTransitions} and {@link DagRunTransitions}. */
final class TransitionTable<S extends Enum<S>> {

    private final Class<S> type;
    private final Map<S, Set<S>> allowed;

    TransitionTable(Class<S> type) {
        this.type = type;
        this.allowed = new EnumMap<>(type);
    }

    @SafeVarargs
    final TransitionTable<S> allow(S from, S... to) {
        allowed.computeIfAbsent(from, f -> EnumSet.noneOf(type)).addAll(Set.of(to));
        return this;
    }

    boolean isAllowed(S from, S to) {
        return allowed.getOrDefault(from, Set.of()).contains(to);
    }

    Set<S> allowedFrom(S from) {
        return EnumSet.copyOf(allowed.getOrDefault(from, EnumSet.noneOf(type)));
    }
}
