package io.cdnpurge.internal;

import io.cdnpurge.TargetOutcome;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The engine's hidden access to how an IN_PROGRESS outcome is asked about its completion: a handle kept in the
 * outcome, outside its value (equality and text), so that a result can be checked later without exposing provider
 * internals in the public API. {@link TargetOutcome} registers the accessors when it is initialised.
 */
public final class Completions {
    private static volatile Function<TargetOutcome, Object> getter;
    private static volatile BiConsumer<TargetOutcome.Builder, Object> setter;

    private Completions() {
    }

    /** Called once, by {@link TargetOutcome}'s static initialiser; later calls are refused. */
    public static synchronized void access(Function<TargetOutcome, Object> handleOf,
                                           BiConsumer<TargetOutcome.Builder, Object> attach) {
        if (getter != null) {
            throw new IllegalStateException("completion access is already set");
        }
        getter = handleOf;
        setter = attach;
    }

    static Object handleOf(TargetOutcome outcome) {
        return getter.apply(outcome);
    }

    static TargetOutcome.Builder attach(TargetOutcome.Builder builder, Object handle) {
        setter.accept(builder, handle);
        return builder;
    }
}
