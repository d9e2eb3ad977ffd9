package io.cdnpurge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.files.PurgeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The S3-upload Lambda: for each record of an S3 event (an object created or removed), the object's key, URL-decoded
 * as S3 sends it ({@code +} a space, {@code %2B} a plus), becomes the URLs of its bucket's hosts
 * ({@code PurgeRouter.purgeObjects}: the bucket routes of the configuration file), purged on the CDNs the file names
 * for that bucket. Each record is reported: its status and one outcome per URL and CDN.
 *
 * <ul>
 *   <li>The configuration file is read once per cold start: the path in {@code CDN_PURGE_CONFIG}, else
 *       {@code multicdn.config.yml} beside the handler ({@code $LAMBDA_TASK_ROOT}); the multi-CDN format or the S3
 *       tool's own file. Its {@code ${VAR}}s come from the function's environment (secrets there, not in the file).
 *       A file that cannot be used fails the cold start, naming every mistake with its line.</li>
 *   <li>{@code CDN_PURGE_DEBUG=true}, and only {@code true}, logs every vendor request (never a credential).</li>
 *   <li>A record whose purge failed, in whole or part, fails the invocation after every record was tried, so that
 *       Lambda retries it and its dead-letter queue keeps it: nothing is lost silently.</li>
 *   <li>Run locally, {@code java -jar cdn-purge-lambda.jar < event.json} handles the S3 event read from standard
 *       input and prints the report as JSON; exit 0 when every record was purged (or accepted, in progress), 1
 *       when any failed.</li>
 * </ul>
 */
public final class S3PurgeHandler implements RequestHandler<S3Event, Map<String, Object>> {
    /** The variable naming the configuration file. */
    public static final String CONFIG_VARIABLE = "CDN_PURGE_CONFIG";
    /** The file read beside the handler when {@link #CONFIG_VARIABLE} is not set. */
    public static final String DEFAULT_FILE = "multicdn.config.yml";
    /** The variable that turns on request logging, at {@code true} only. */
    public static final String DEBUG_VARIABLE = "CDN_PURGE_DEBUG";
    /** Kept from the function's remaining time to write the report in. */
    static final Duration REPORT_MARGIN = Duration.ofSeconds(2);

    static {
        // before any logger exists: info, or debug when asked for exactly
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug(System.getenv()) ? "debug" : "info");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    }

    private static final Logger LOG = LoggerFactory.getLogger(S3PurgeHandler.class);

    private final PurgeRouter router;

    /** The handler the Lambda runtime creates, once per cold start: the configuration is read now. */
    public S3PurgeHandler() {
        this(System.getenv(), ClientOptions.builder());
    }

    S3PurgeHandler(Map<String, String> environment, ClientOptions.Builder options) {
        Path file = configFile(environment);
        LOG.info("reading the cdn-purge configuration {}", file);
        this.router = PurgeFiles.load(file, environment, options.logging(debug(environment)).build());
        LOG.info("cdn-purge ready: clients {}, buckets {}", router.clients().keySet(), router.buckets().keySet());
    }

    /** The file {@link #CONFIG_VARIABLE} names, else {@link #DEFAULT_FILE} in the task root or working folder. */
    static Path configFile(Map<String, String> environment) {
        String named = environment.get(CONFIG_VARIABLE);
        if (named != null && !named.isBlank()) {
            return Path.of(named.trim());
        }
        String root = environment.get("LAMBDA_TASK_ROOT");
        Path file = root == null ? Path.of(DEFAULT_FILE) : Path.of(root, DEFAULT_FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no cdn-purge configuration: " + file + " does not exist; set "
                    + CONFIG_VARIABLE + " to the path of a configuration file, or package " + DEFAULT_FILE
                    + " beside the handler");
        }
        return file;
    }

    /** Whether debugging is asked for: {@code true}, in any case, and nothing else ({@code false}, {@code 1}, …). */
    static boolean debug(Map<String, String> environment) {
        String value = environment.get(DEBUG_VARIABLE);
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }

    @Override
    public Map<String, Object> handleRequest(S3Event event, Context context) {
        // within the function's time, less a margin to report in: a purge cut short is reported, not killed mid-way
        Duration limit = context == null ? null : Duration.ofMillis(Math.max(1_000,
                context.getRemainingTimeInMillis() - REPORT_MARGIN.toMillis()));
        Map<String, Object> report = report(event, limit);
        if (!"SUCCEEDED".equals(report.get("status")) && !"IN_PROGRESS".equals(report.get("status"))) {
            // after every record was tried: Lambda retries the event and keeps it in its dead-letter queue
            throw new IllegalStateException("cdn-purge: " + report.get("status") + " for " + report.get("summary"));
        }
        return report;
    }

    /** Every record purged, and the report: the overall status, a summary, one entry per record. */
    Map<String, Object> report(S3Event event) {
        return report(event, null);
    }

    /** @param limit how long all records may take, or null for the engine's own deadline */
    Map<String, Object> report(S3Event event, Duration limit) {
        java.time.Instant deadline = limit == null ? null : java.time.Instant.now().plus(limit);
        List<Map<String, Object>> records = new ArrayList<>();
        int failed = 0;
        int partial = 0;
        int done = 0;
        int inProgress = 0;
        List<S3EventNotification.S3EventNotificationRecord> all = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();
        for (S3EventNotification.S3EventNotificationRecord record : all) {
            Map<String, Object> entry = record(record, deadline);
            records.add(entry);
            String status = (String) entry.get("status");
            if (status.equals("FAILED")) {
                failed++;
            } else if (status.equals("PARTIAL")) {
                partial++;
            } else {
                done++;
                inProgress += status.equals("IN_PROGRESS") ? 1 : 0;
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", failed + partial > 0 ? (done + partial == 0 ? "FAILED" : "PARTIAL")
                : inProgress > 0 ? "IN_PROGRESS" : "SUCCEEDED");
        report.put("summary", records.size() + " records: " + done + " purged, " + partial + " partly, " + failed
                + " failed");
        report.put("records", records);
        LOG.info("cdn-purge: {}", report.get("summary"));
        return report;
    }

    private Map<String, Object> record(S3EventNotification.S3EventNotificationRecord record,
                                       java.time.Instant deadline) {
        Map<String, Object> entry = new LinkedHashMap<>();
        String bucket = record.getS3() == null || record.getS3().getBucket() == null ? null
                : record.getS3().getBucket().getName();
        String key = record.getS3() == null || record.getS3().getObject() == null ? null
                : record.getS3().getObject().getUrlDecodedKey();
        entry.put("event", record.getEventName());
        entry.put("bucket", bucket);
        entry.put("key", key);
        if (bucket == null || key == null) {
            entry.put("status", "FAILED");
            entry.put("error", "the record names no bucket or no object key");
            return entry;
        }
        PurgeResult result;
        try {
            java.util.concurrent.CompletableFuture<PurgeResult> purging = router.purgeObjectsAsync(bucket,
                    List.of(key));
            if (deadline == null) {
                result = purging.join();
            } else {
                long left = Math.max(0, Duration.between(java.time.Instant.now(), deadline).toMillis());
                result = purging.get(left, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("s3://{}/{} not purged within the function's time", bucket, key);
            entry.put("status", "FAILED");
            entry.put("error", "not answered within the function's remaining time; the invocation fails so that "
                    + "Lambda retries it");
            return entry;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entry.put("status", "FAILED");
            entry.put("error", "interrupted");
            return entry;
        } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
            // an unknown bucket, a key that is no URL path, or anything unexpected: this record fails, the others
            // go on
            Throwable cause = e instanceof java.util.concurrent.ExecutionException
                    || e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            String why = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
            LOG.warn("s3://{}/{} not purged: {}", bucket, key, why);
            entry.put("status", "FAILED");
            entry.put("error", why);
            return entry;
        }
        entry.put("status", result.status().name());
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (TargetOutcome outcome : result.outcomes()) {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("url", outcome.target().value());
            each.put("client", outcome.provider());
            each.put("status", outcome.status().name());
            outcome.vendorReference().ifPresent(reference -> each.put("vendorReference", reference));
            outcome.error().ifPresent(error -> each.put("error", error.getMessage()));
            outcomes.add(each);
        }
        entry.put("outcomes", outcomes);
        LOG.info("s3://{}/{}: {} ({} URLs and CDNs)", bucket, key, result.status(), outcomes.size());
        return entry;
    }

    /** Closes the clients (the runtime never does; tests and the local run do). */
    void close() {
        router.close();
    }

    /**
     * Runs the handler locally on an S3 event read from standard input, as the Lambda runtime would deserialise it,
     * and prints the report as JSON.
     */
    public static void main(String[] args) throws IOException {
        S3PurgeHandler handler = new S3PurgeHandler(System.getenv(), ClientOptions.builder());
        int code;
        try {
            code = runLocally(System.in, System.out, handler);
        } finally {
            handler.close();
        }
        System.exit(code);
    }

    /** The event read as the Lambda runtime reads it, handled, its report written; 0 unless a record failed. */
    static int runLocally(InputStream in, OutputStream out, S3PurgeHandler handler) throws IOException {
        S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, S3PurgeHandler.class.getClassLoader())
                .fromJson(in);
        Map<String, Object> report = handler.report(event);
        write(report, out);
        return "SUCCEEDED".equals(report.get("status")) || "IN_PROGRESS".equals(report.get("status")) ? 0 : 1;
    }

    static void write(Object value, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            writeValue(json, value);
            json.writeRaw('\n');
        }
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List) {
            json.writeStartArray();
            for (Object item : (List<?>) value) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(String.valueOf(value));
        }
    }
}
