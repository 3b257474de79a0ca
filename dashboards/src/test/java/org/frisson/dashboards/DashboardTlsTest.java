package org.frisson.dashboards;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS with a key made by the JDK's keytool for 127.0.0.1, and a client that trusts only that key. */
class DashboardTlsTest {

    private static final String PASSWORD = "dashboard-test-pass";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path passwordFile;
    private static HttpClient https;

    private final List<String> rated = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeKey() throws Exception {
        keystore = dir.resolve("dashboard.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "dashboard", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool: " + out);
        passwordFile = Files.createFile(dir.resolve("password"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, PASSWORD + "\n");

        KeyStore trusted = KeyStore.getInstance(keystore.toFile(), PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private Dashboard start(Path password) {
        return Dashboard.start(new Dashboard.Settings(Dashboard.LOOPBACK, 0, false, "tls", List.of(), null,
                        new Dashboard.Tls(keystore, password)), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> System.nanoTime() / 1e9, (track, valence, arousal) -> rated.add(track));
    }

    @Test
    void pagesAndRatingsOverHttps() throws Exception {
        try (Dashboard d = start(passwordFile)) {
            String base = "https://127.0.0.1:" + d.port() + "/";
            assertEquals(base, d.url());
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(base + "listener")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
            assertEquals(200, https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + d.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            d.askRating("t1");
            assertEquals(403, rate(base, "http://127.0.0.1:" + d.port()).statusCode(), "the page's origin is https");
            assertEquals(204, rate(base, "https://127.0.0.1:" + d.port()).statusCode());
            assertEquals(List.of("t1"), rated);

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + d.port() + "/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()), "no plain HTTP on the HTTPS port");
        }
    }

    private static HttpResponse<String> rate(String base, String origin) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(base + "rating")).header("Content-Type", "application/json")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"track\":\"t1\",\"valence\":5,\"arousal\":5}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWrongPasswordOrAnOpenPasswordFileIsNamedAtStart() throws Exception {
        Path wrong = Files.createFile(dir.resolve("wrong"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(wrong, "not-the-password\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(wrong).close());
        assertTrue(e.getMessage().contains(keystore.toString()) && e.getMessage().contains(wrong.toString()),
                e.getMessage());
        Path open = Files.writeString(dir.resolve("open"), PASSWORD + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        e = assertThrows(IllegalArgumentException.class, () -> start(open).close());
        assertTrue(e.getMessage().contains("chmod 600 " + open), e.getMessage());
    }
}
