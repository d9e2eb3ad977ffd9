package io.cdnpurge.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;

import java.util.Comparator;
import java.util.stream.Collectors;

/** A registry's meters as one line: {@code name{tag=value,…}=figure; …}, sorted, for assertions and reports. */
final class Meters {
    private Meters() {
    }

    static String describe(MeterRegistry registry) {
        return registry.getMeters().stream()
                .sorted(Comparator.comparing((Meter meter) -> meter.getId().getName())
                        .thenComparing(meter -> meter.getId().getTags().toString()))
                .map(meter -> meter.getId().getName() + meter.getId().getTags().stream()
                        .map(tag -> tag.getKey() + "=" + tag.getValue())
                        .collect(Collectors.joining(",", "{", "}")) + "=" + figure(meter))
                .collect(Collectors.joining("; "));
    }

    /** Every tag value and meter name of the registry, as one text, to look for what must not be there. */
    static String everything(MeterRegistry registry) {
        return registry.getMeters().stream().map(meter -> meter.getId().getName() + " " + meter.getId().getTags()
                .stream().map(Tag::getValue).collect(Collectors.joining(" "))).collect(Collectors.joining("\n"));
    }

    private static String figure(Meter meter) {
        if (meter instanceof Counter) {
            return format(((Counter) meter).count());
        }
        if (meter instanceof Timer) {
            return "count " + ((Timer) meter).count();
        }
        if (meter instanceof LongTaskTimer) {
            return "active " + ((LongTaskTimer) meter).activeTasks();
        }
        if (meter instanceof Gauge) {
            return format(((Gauge) meter).value());
        }
        if (meter instanceof FunctionCounter) {
            return format(((FunctionCounter) meter).count());
        }
        return meter.measure().toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value)
                : Double.toString(value);
    }
}
