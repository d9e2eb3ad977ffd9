package io.cdnpurge.akamai.internal;

import io.cdnpurge.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code .edgerc} samples of Akamai's own Python and Node libraries, read as those libraries read them. */
class EdgeRcTest {
    private static EdgeRc sample(String name) throws IOException {
        try (InputStream in = EdgeRcTest.class.getResourceAsStream("/edgegrid/" + name)) {
            return EdgeRc.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theDefaultSectionIsReadWithItsHostWithoutTheTrailingSlash() throws IOException {
        AkamaiCredential credential = sample("python-sample_edgerc").credential("default");

        assertThat(credential.host()).isEqualTo("xxxx-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx.luna.akamaiapis.net");
        assertThat(credential.clientToken()).isEqualTo("xxxx-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx");
        assertThat(credential.clientSecret()).isEqualTo("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=");
        assertThat(credential.maxBody()).isEqualTo(131_072);
        assertThat(credential.source()).isEqualTo("python-sample_edgerc [default]");
    }

    @Test
    void aQuotedHostWithSchemeAndSlashIsReducedToTheHost() throws IOException {
        assertThat(sample("python-sample_edgerc").credential("broken").host())
                .isEqualTo("xxxx-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx.luna.akamaiapis.net");
        assertThat(sample("node-test_edgerc").credential("https").host()).isEqualTo("example.luna.akamaiapis.net");
    }

    @Test
    void dashedKeyNamesAndMaxBodyAreAccepted() throws IOException {
        AkamaiCredential credential = sample("python-sample_edgerc").credential("dashes");

        assertThat(credential.clientToken()).isEqualTo("xxxx-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx");
        assertThat(credential.accessToken()).isEqualTo("xxxx-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx");
        assertThat(credential.maxBody()).isEqualTo(131_072);
    }

    @Test
    void headersToSignAreReadInOrder() throws IOException {
        assertThat(sample("python-sample_edgerc").credential("headers").headersToSign())
                .containsExactly("X-MyThing1", "X-MyThing2");
    }

    @Test
    void commentsAndQuotedValuesWithSemicolonsAreParsedAsAkamaiTheyAre() throws IOException {
        EdgeRc edgerc = sample("node-test_edgerc");
        AkamaiCredential credential = edgerc.credential("comment-test");

        assertThat(credential.host()).isEqualTo("sectionexample.luna.akamaiapis.net");
        assertThat(credential.clientToken()).isEqualTo("client token");
        assertThat(credential.clientSecret()).isEqualTo("client;secret");
        assertThat(credential.accessToken()).isEqualTo("access; token");
        assertThat(edgerc.section("comment-test").get("other"))
                .isEqualTo("The \"most\" 'interesting' ; value in the \";world\"");
        assertThat(edgerc.credential("default").clientSecret()).isEqualTo("clientSecret");
    }

    @Test
    void maxBodyIsReadAndDefaultsTo131072() throws IOException {
        EdgeRc edgerc = sample("node-test_edgerc");

        assertThat(edgerc.credential("custom:max_body").maxBody()).isEqualTo(8192);
        assertThat(edgerc.credential("no-max-body").maxBody()).isEqualTo(131_072);
    }

    @Test
    void aMaxBodyThatIsNotANumberIsReportedNamingTheSection() throws IOException {
        assertThatThrownBy(() -> sample("node-test_edgerc").credential("custom:max_body_NAN"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("node-test_edgerc [custom:max_body_NAN] max_body '8A192' is not a positive number");
    }

    @Test
    void aMissingSectionListsTheSectionsThereAre() throws IOException {
        assertThatThrownBy(() -> sample("python-sample_edgerc").credential("ccu"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("has no section [ccu]")
                .hasMessageContaining("[default], [broken], [headers], [dashes]")
                .hasMessageContaining("akamai.edgercSection");
    }

    @Test
    void missingKeysAreReportedByNameWithoutEchoingValues() {
        EdgeRc edgerc = EdgeRc.parse("f", "[default]\nhost = h.example.net\nclient_secret = s3cr3t-value\n");

        assertThatThrownBy(() -> edgerc.credential("default"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("f [default] has no client_token: copy it from the API client's credential",
                                "f [default] has no access_token: copy it from the API client's credential"))
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void aMalformedLineIsReportedByNumberWithoutItsText() {
        assertThatThrownBy(() -> EdgeRc.parse("f", "[default]\nclient_secret s3cr3t-value\n"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("on line 2")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void aMissingFileSaysHowToProvideCredentials(@TempDir Path dir) {
        assertThatThrownBy(() -> EdgeRc.read(dir.resolve("nope")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no .edgerc file at " + dir.resolve("nope"))
                .hasMessageContaining("AKAMAI_EDGERC")
                .hasMessageContaining("akamai.clientSecret");
    }

    @Test
    void aFileIsReadFromDisk(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve(".edgerc"), "\uFEFF[ccu]\r\nhost: https://akab-1.purge.akamaiapis.net/"
                + "\r\nclient_token = ctok-7f3a\r\nclient_secret = csec-9b2e ; trailing comment\r\n"
                + "access_token = atok-4c1d\r\n");

        AkamaiCredential credential = EdgeRc.read(file).credential("ccu");

        assertThat(credential.host()).isEqualTo("akab-1.purge.akamaiapis.net");
        assertThat(credential.clientSecret()).isEqualTo("csec-9b2e");
        assertThat(credential.toString()).doesNotContain("ctok-7f3a").doesNotContain("csec-9b2e")
                .doesNotContain("atok-4c1d");
    }

    @Test
    void aSecondSectionOfTheSameNameIsReported() {
        assertThatThrownBy(() -> EdgeRc.parse("f", "[default]\nhost = a\n[default]\nhost = b\n"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("a second [default] section on line 3");
    }
}
