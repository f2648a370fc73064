package dev.attentionqa.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made for one test run with the JDK's {@code keytool}, in PKCS12 stores that share {@link #PASSWORD}:
 * a test CA, broker certificates it signs for localhost/127.0.0.1 (and two bad ones: expired, and for another host),
 * a client certificate it signs (mutual TLS), and a second CA the broker does not know, with a client certificate
 * of its own and a truststore that trusts only it.
 */
final class TlsMaterial {

    static final String PASSWORD = "tls-Test-pw-71";

    private final Path dir;

    private TlsMaterial(Path dir) {
        this.dir = dir;
    }

    static TlsMaterial create() throws Exception {
        TlsMaterial m = new TlsMaterial(Files.createTempDirectory("qa-tls"));
        m.ca("ca");
        m.ca("other-ca");
        m.trust("trust.p12", "ca");
        m.trust("other-trust.p12", "other-ca");
        m.signed("broker", "CN=localhost", "ca", "SAN=dns:localhost,ip:127.0.0.1", null, 3);
        m.signed("expired-broker", "CN=localhost", "ca", "SAN=dns:localhost,ip:127.0.0.1", "-5d", 1);
        m.signed("wrong-host-broker", "CN=wrong.example.com", "ca", "SAN=dns:wrong.example.com", null, 3);
        // Kafka checks at start-up that a client with the broker's truststore accepts the broker's certificate: an
        // expired one passes only when it is its own trust anchor (anchors' dates are not checked)
        m.trust("expired-broker-trust.p12", "expired-broker");
        m.signed("client", "CN=qa-worker", "ca", null, null, 3);
        m.signed("stranger-client", "CN=stranger", "other-ca", null, null, 3);
        return m;
    }

    /** Truststore holding the test CA (what the chart's {@code kafka.tls.existingSecret} carries). */
    Path truststore() {
        return dir.resolve("trust.p12");
    }

    /** Truststore holding only a CA that signed none of the brokers. */
    Path unknownCaTruststore() {
        return dir.resolve("other-trust.p12");
    }

    /** Truststore named {@code <name>.p12} (e.g. expired-broker-trust). */
    Path store(String name) {
        return dir.resolve(name + ".p12");
    }

    /** Keystore named {@code <name>.p12}: broker, expired-broker, wrong-host-broker, client, stranger-client. */
    Path keystore(String name) {
        return dir.resolve(name + ".p12");
    }

    private void ca(String alias) throws Exception {
        keytool("-genkeypair", "-alias", alias, "-dname", "CN=qa-test-" + alias, "-ext", "bc:c", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "3", "-keystore", alias + ".p12", "-storetype", "PKCS12");
        keytool("-exportcert", "-alias", alias, "-keystore", alias + ".p12", "-rfc", "-file", alias + ".pem");
    }

    private void trust(String store, String ca) throws Exception {
        keytool("-importcert", "-noprompt", "-alias", ca, "-keystore", store, "-storetype", "PKCS12", "-file",
                ca + ".pem");
    }

    /** A key pair in {@code name.p12} whose certificate {@code ca} signed, with its chain. */
    private void signed(String name, String subject, String ca, String san, String startDate, int days)
            throws Exception {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-dname", subject, "-keyalg", "RSA", "-keysize", "2048", "-validity",
                "3", "-keystore", store, "-storetype", "PKCS12");
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", ca, "-keystore", ca + ".p12", "-infile",
                name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", String.valueOf(days)));
        if (san != null) {
            gencert.addAll(List.of("-ext", san));
        }
        if (startDate != null) {
            gencert.addAll(List.of("-startdate", startDate));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", ca, "-keystore", store, "-file", ca + ".pem");
        keytool("-importcert", "-noprompt", "-alias", name, "-keystore", store, "-file", name + ".pem");
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
