package io.cdnpurge;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * A {@link PurgeListener} that writes one JSON line per purge and per vendor request, for an audit log: when, which
 * purge ({@code purgeId}), tenant and client, what was sent, the vendor's answer and id, the attempts, the time it
 * took, and per purge the outcome of each target. Credentials never appear: the lines are made from events, which
 * the engine has redacted.
 *
 * <pre>{@code
 * try (AuditTrail audit = AuditTrail.toFile(Path.of("purges.jsonl"))) {
 *     PurgeClient cdn = CdnPurge.client("cloudflare", config, ClientOptions.builder().listener(audit).build());
 *     …
 * }
 * }</pre>
 *
 * <p>Lines ({@code "event"}): {@code request} (a vendor request answered: purpose, which call of the purge, the
 * kind and number of its targets, request line, attempt, HTTP status, milliseconds, vendor id), {@code retry} (an
 * attempt that failed and is tried again: its status, why, and the wait), {@code call-failed} (a call that failed for
 * good: its targets, attempts and why), {@code purge} (a purge
 * ended: status, figures, and the outcome of each target, the first {@value #OUTCOMES_SHOWN} of them). Thread-safe:
 * lines are written whole; to a file, each line is one append, so that several processes can share the file.
 * Events that come after {@link #close()} are dropped.
 */
public final class AuditTrail implements PurgeListener, AutoCloseable {
    /** Outcomes written per purge line; the rest are counted. */
    public static final int OUTCOMES_SHOWN = 1_000;

    private final Appendable out;
    private final FileChannel file;
    private boolean closed;

    private AuditTrail(Appendable out, FileChannel file) {
        this.out = out;
        this.file = file;
    }

    /** Lines appended to {@code out}, which the caller keeps and closes. */
    public static AuditTrail to(Appendable out) {
        return new AuditTrail(Objects.requireNonNull(out, "out cannot be null"), null);
    }

    /**
     * Lines appended to a file (created if absent), in UTF-8, each line one write in append mode; closing this
     * closes it.
     */
    public static AuditTrail toFile(Path file) {
        Objects.requireNonNull(file, "file cannot be null");
        try {
            return new AuditTrail(null, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit file " + file, e);
        }
    }

    @Override
    public boolean wants(PurgeEvent.Type type) {
        return type == PurgeEvent.Type.RESPONSE || type == PurgeEvent.Type.RETRY
                || type == PurgeEvent.Type.CALL_FAILED || type == PurgeEvent.Type.COMPLETED;
    }

    @Override
    public void onEvent(PurgeEvent event) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "time", event.time().toString());
        switch (event.type()) {
            case RESPONSE:
                attempt(line, "request", event);
                event.duration().ifPresent(duration -> number(line, "durationMs", duration.toMillis()));
                event.vendorReference().ifPresent(reference -> field(line, "vendorId", reference));
                break;
            case RETRY:
                attempt(line, "retry", event);
                event.detail().ifPresent(detail -> field(line, "error", detail));
                event.waitTime().ifPresent(wait -> number(line, "waitMs", wait.toMillis()));
                break;
            case CALL_FAILED:
                field(line, "event", "call-failed");
                common(line, event);
                call(line, event);
                event.description().ifPresent(description -> field(line, "request", description));
                number(line, "attempts", event.attempt());
                number(line, "status", event.httpStatus());
                event.detail().ifPresent(detail -> field(line, "error", detail));
                break;
            default:
                field(line, "event", "purge");
                common(line, event);
                event.result().ifPresent(result -> purge(line, result));
                break;
        }
        line.append("}\n");
        write(line);
    }

    /** The fields of one attempt's line: which purge and client, what it was for, its call, request and status. */
    private static void attempt(StringBuilder line, String name, PurgeEvent event) {
        field(line, "event", name);
        common(line, event);
        field(line, "purpose", event.purpose().name());
        call(line, event);
        event.description().ifPresent(description -> field(line, "request", description));
        number(line, "attempt", event.attempt());
        number(line, "status", event.httpStatus());
    }

    private static void common(StringBuilder line, PurgeEvent event) {
        event.purgeId().ifPresent(id -> field(line, "purgeId", id));
        event.tenant().ifPresent(tenant -> field(line, "tenant", tenant));
        field(line, "client", event.providerId());
    }

    /** Which call of the purge, of which kind, for how many targets: on purge requests only. */
    private static void call(StringBuilder line, PurgeEvent event) {
        if (event.call() > 0) {
            field(line, "call", event.call() + "/" + event.calls());
            event.kind().ifPresent(kind -> field(line, "kind", kind.name()));
            number(line, "targets", event.items());
        }
    }

    private static void purge(StringBuilder line, PurgeResult result) {
        field(line, "status", result.status().name());
        PurgeStats stats = result.stats();
        number(line, "targets", result.outcomes().size());
        number(line, "calls", stats.calls());
        number(line, "requests", stats.requests());
        number(line, "retries", stats.retries());
        number(line, "durationMs", stats.elapsed().toMillis());
        line.append(",\"outcomes\":[");
        List<TargetOutcome> outcomes = result.outcomes();
        int shown = Math.min(outcomes.size(), OUTCOMES_SHOWN);
        for (int i = 0; i < shown; i++) {
            TargetOutcome outcome = outcomes.get(i);
            line.append(i == 0 ? "{" : ",{");
            field(line, "target", outcome.target().toString());
            field(line, "status", outcome.status().name());
            outcome.vendorReference().ifPresent(reference -> field(line, "vendorId", reference));
            outcome.error().ifPresent(error -> field(line, "error", error.getMessage()));
            line.append('}');
        }
        line.append(']');
        if (outcomes.size() > shown) {
            number(line, "outcomesOmitted", outcomes.size() - shown);
        }
    }

    private static void field(StringBuilder line, String name, String value) {
        separate(line);
        line.append('"').append(name).append("\":");
        if (value == null) {
            line.append("null");
        } else {
            quote(line, value);
        }
    }

    private static void number(StringBuilder line, String name, long value) {
        separate(line);
        line.append('"').append(name).append("\":").append(value);
    }

    private static void separate(StringBuilder line) {
        char last = line.charAt(line.length() - 1);
        if (last != '{' && last != '[') {
            line.append(',');
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static void quote(StringBuilder line, String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    line.append("\\\"");
                    break;
                case '\\':
                    line.append("\\\\");
                    break;
                case '\n':
                    line.append("\\n");
                    break;
                case '\r':
                    line.append("\\r");
                    break;
                case '\t':
                    line.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
            }
        }
        line.append('"');
    }

    private synchronized void write(CharSequence line) {
        if (closed) {
            return;
        }
        try {
            if (file != null) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(line));
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
                return;
            }
            out.append(line);
            if (out instanceof Flushable) {
                ((Flushable) out).flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit line", e);
        }
    }

    /**
     * Closes the file of {@link #toFile}; an {@link Appendable} of the caller's stays open. Later events are dropped.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the audit file", e);
            }
        }
    }
}
