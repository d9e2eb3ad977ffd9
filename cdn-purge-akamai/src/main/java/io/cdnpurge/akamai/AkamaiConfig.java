package io.cdnpurge.akamai;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.akamai.internal.AkamaiCredential;
import io.cdnpurge.akamai.internal.EdgeGridSigning;
import io.cdnpurge.akamai.internal.EdgeRc;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.EndpointRules;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The Akamai keys, declared once: {@link AkamaiPurgeProvider#schema()} is what the engine reads a client's
 * configuration against, and the key tables of the documentation are checked against it. Keys are
 * {@code <client>.<key>} ({@code akamai.network}, or {@code staging.network} with {@code staging.provider=akamai}),
 * plus the engine and HTTP keys every provider has, listed in the README. Requests go to the credential's host
 * unless {@code endpoint} is set (fakes, proxies).
 */
public final class AkamaiConfig {
    /** Akamai's limit on a Fast Purge request body. */
    public static final int MAX_BODY_BYTES = 50_000;

    public static final ConfigKey<String> HOST = ConfigKey.string("host")
            .matching("[a-z0-9.-]+(:[0-9]{1,5})?", "a host name such as akab-xxxx.purge.akamaiapis.net")
            .doc("the API client's host; with `clientToken`, `clientSecret` and `accessToken` (all four, or none to "
                    + "read `.edgerc`)");
    public static final ConfigKey<String> CLIENT_TOKEN = ConfigKey.secret("clientToken")
            .doc("the API client's client token");
    public static final ConfigKey<String> CLIENT_SECRET = ConfigKey.secret("clientSecret")
            .doc("the API client's client secret");
    public static final ConfigKey<String> ACCESS_TOKEN = ConfigKey.secret("accessToken")
            .doc("the API client's access token");
    public static final ConfigKey<Path> EDGERC = ConfigKey.path("edgerc").environment("AKAMAI_EDGERC")
            .defaultText("`~/.edgerc`").doc("the credentials file");
    public static final ConfigKey<String> EDGERC_SECTION = ConfigKey.string("edgercSection", "default")
            .environment("AKAMAI_EDGERC_SECTION").doc("its section");
    public static final ConfigKey<AkamaiNetwork> NETWORK = ConfigKey.choice("network", AkamaiNetwork.class,
            AkamaiNetwork.PRODUCTION).doc("the network purged");
    public static final ConfigKey<String> ACCOUNT_SWITCH_KEY = ConfigKey.string("accountSwitchKey")
            .matching("[A-Za-z0-9:._-]+", "an account switch key such as 1-5C0YLB:1-8BYUX (letters, digits, ':', "
                    + "'.', '_', '-')")
            .doc("act for another account (multi-account API clients)");
    public static final ConfigKey<Integer> MAX_BODY_BYTES_KEY = ConfigKey.integer("maxBodyBytes", MAX_BODY_BYTES,
            1_000, MAX_BODY_BYTES).rangeReason("(Akamai refuses bodies over " + MAX_BODY_BYTES + " bytes)")
            .doc("largest request body");
    public static final ConfigKey<Boolean> ALLOW_SIGNER_DEBUG_LOG = ConfigKey.bool("allowSignerDebugLog", false)
            .doc("sign even while Akamai's signer logs the Authorization header at DEBUG");

    private static final List<ConfigKey<String>> CREDENTIAL_KEYS = List.of(HOST, CLIENT_TOKEN, CLIENT_SECRET,
            ACCESS_TOKEN);

    /** The Akamai keys, the HTTP keys and the checks across them, the credential included. */
    public static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .keys(List.of(HOST, CLIENT_TOKEN, CLIENT_SECRET, ACCESS_TOKEN, EDGERC, EDGERC_SECTION, NETWORK,
                    ACCOUNT_SWITCH_KEY, MAX_BODY_BYTES_KEY, ALLOW_SIGNER_DEBUG_LOG))
            .include(EndpointRules.schema("the credential's host"))
            .check(AkamaiConfig::check)
            .build();

    private AkamaiConfig() {
    }

    /** The credentials file: the key, {@code AKAMAI_EDGERC} for the client named {@code akamai}, else {@code ~/.edgerc}. */
    static Path edgerc(ClientSettings settings) {
        Path file = settings.get(EDGERC);
        return file != null ? file : Paths.get(System.getProperty("user.home"), ".edgerc");
    }

    /**
     * The EdgeGrid credential: from the four keys when any is set, else from the {@code .edgerc} file's section;
     * null when a key was given a bad value (reported by the key itself).
     *
     * @throws InvalidConfigurationException naming every missing key, or the file and section at fault
     */
    static AkamaiCredential credential(ClientSettings settings) {
        boolean anyKey = false;
        for (ConfigKey<String> key : CREDENTIAL_KEYS) {
            anyKey |= settings.isGiven(key);
        }
        if (!anyKey) {
            return EdgeRc.read(edgerc(settings)).credential(settings.get(EDGERC_SECTION));
        }
        List<String> problems = new ArrayList<>();
        for (ConfigKey<?> fileKey : List.of(EDGERC, EDGERC_SECTION)) {
            if (settings.isWritten(fileKey)) {
                problems.add(settings.fullKey(fileKey) + " is set together with credential keys, which win and leave "
                        + "the .edgerc file unread: remove one or the other");
            }
        }
        for (ConfigKey<String> key : CREDENTIAL_KEYS) {
            if (!settings.isGiven(key)) {
                problems.add(settings.fullKey(key) + " is missing: with credentials in keys, set all of "
                        + settings.fullKey(HOST) + ", " + settings.fullKey(CLIENT_TOKEN) + ", "
                        + settings.fullKey(CLIENT_SECRET) + " and " + settings.fullKey(ACCESS_TOKEN) + " (or none, "
                        + "to read .edgerc)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        for (ConfigKey<String> key : CREDENTIAL_KEYS) {
            if (!settings.isSet(key)) {
                return null;
            }
        }
        return new AkamaiCredential(settings.get(HOST), settings.get(CLIENT_TOKEN), settings.get(CLIENT_SECRET),
                settings.get(ACCESS_TOKEN), AkamaiCredential.DEFAULT_MAX_BODY, List.of(),
                settings.name() + ".* keys");
    }

    private static void check(ClientSettings settings, List<String> problems) {
        try {
            AkamaiCredential credential = credential(settings);
            if (credential != null) {
                problems.addAll(credentialProblems(credential, settings.get(MAX_BODY_BYTES_KEY),
                        settings.fullKey(MAX_BODY_BYTES_KEY)));
            }
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!settings.get(ALLOW_SIGNER_DEBUG_LOG) && EdgeGridSigning.signerLogsTokens()) {
            problems.add(EdgeGridSigning.signerLogAdvice(settings.fullKey(ALLOW_SIGNER_DEBUG_LOG)));
        }
    }

    private static List<String> credentialProblems(AkamaiCredential credential, int maxBodyBytes,
                                                   String maxBodyKey) {
        List<String> problems = new ArrayList<>();
        String host = credential.host();
        if (host.isEmpty() || !host.matches("[a-z0-9.-]+(:[0-9]{1,5})?")) {
            problems.add("the host of the credential from " + credential.source() + " is not a host name such as "
                    + "akab-xxxx.purge.akamaiapis.net");
        }
        List<String> tokens = List.of(credential.clientToken(), credential.clientSecret(), credential.accessToken());
        List<String> names = List.of("client token", "client secret", "access token");
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                problems.add("the " + names.get(i) + " from " + credential.source() + " contains a space, a control "
                        + "or a non-ASCII character: copy the credential again without surrounding text");
            }
        }
        if (credential.maxBody() < maxBodyBytes) {
            problems.add("max_body " + credential.maxBody() + " in " + credential.source() + " is smaller than the "
                    + maxBodyBytes + "-byte purge bodies cdn-purge sends, so signatures would not match what Akamai "
                    + "checks: set max_body = " + AkamaiCredential.DEFAULT_MAX_BODY + " (8192 is a known wrong value "
                    + "copied from old examples), or lower " + maxBodyKey);
        }
        return problems;
    }
}
