package io.cdnpurge.cli;

import io.cdnpurge.fakes.FakeVendorApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code cdn-purge fakes}: the six CDNs' APIs on loopback, and a configuration file that reaches them, for trying an
 * application, the CLI or the S3 Lambda without accounts: served until standard input closes, or for a set time.
 */
@Command(name = "fakes", description = "Serve the six CDNs' APIs faked on loopback and write a configuration file "
        + "that reaches them (tenants news and shop, bucket mybucket); until standard input closes (Ctrl-D) or "
        + "--for has passed.")
final class FakesCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--write-config", paramLabel = "FILE", required = true,
            description = "Where to write the configuration file.")
    Path config;

    @Option(names = "--for", paramLabel = "DURATION", defaultValue = "1h",
            converter = PurgeCommand.DurationConverter.class,
            description = "Serve at most this long (${DEFAULT-VALUE}).")
    Duration serve;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "3s",
            converter = PurgeCommand.DurationConverter.class,
            description = "How long the fakes take to complete a purge (${DEFAULT-VALUE}).")
    Duration delay;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Terminal terminal = main.terminal;
        try (FakeCdns fakes = new FakeCdns(terminal.clock, delay)) {
            Files.writeString(config, fakes.configuration(), StandardCharsets.UTF_8);
            for (FakeVendorApi fake : fakes.all) {
                terminal.out.printf("%-10s %s%n", fake.providerId(), fake.endpoint());
            }
            terminal.out.println("configuration: " + config + " (its credentials are the fakes', not secrets)");
            terminal.out.println("serving until standard input closes (Ctrl-D), at most "
                    + PurgeCommand.DurationConverter.format(serve) + " (--for)");
            terminal.out.flush();
            CountDownLatch closed = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try {
                    while (terminal.in.read() >= 0) {
                        // the input is not read for anything: its end stops the fakes
                    }
                } catch (IOException e) {
                    // a closed input ends it as well
                }
                closed.countDown();
            }, "cdn-purge-fakes-stdin");
            reader.setDaemon(true);
            reader.start();
            closed.await(serve.toMillis(), TimeUnit.MILLISECONDS);
            for (FakeVendorApi fake : fakes.all) {
                terminal.out.printf("%-10s %d requests, %d of them purges%n", fake.providerId(), fake.requestCount(),
                        fake.purgeRequestCount());
            }
            return ExitCode.OK;
        }
    }
}
