package io.cdnpurge.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EngineKeyTableTest {
    @Test
    void theReadmeListsEveryEngineAndTransportKeyAsDeclared() throws IOException {
        assertThat(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8))
                .as("the README's table of the keys every client has; replace it with EngineSettings.keyTable()")
                .contains(EngineSettings.keyTable());
    }
}
