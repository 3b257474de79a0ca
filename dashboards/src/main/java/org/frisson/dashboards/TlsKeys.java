package org.frisson.dashboards;

import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/**
 * The key and certificate for HTTPS: a keystore (PKCS12 or JKS) and the file holding its password (its
 * first line; owner-only like the token file). Opened at start, so that a wrong password or a keystore
 * without a key is named before anything listens.
 */
final class TlsKeys {

    private TlsKeys() {
    }

    /**
     * Jetty's TLS context over {@code keystore}.
     *
     * @throws IllegalArgumentException naming the file that cannot be used and why
     */
    static SslContextFactory.Server open(Path keystore, Path passwordFile) {
        String password;
        try {
            OwnerOnlyFile.check(passwordFile, "keystore password file");
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            password = text.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new IllegalArgumentException("dashboard: cannot read keystore password file " + passwordFile + ": "
                    + e, e);
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("dashboard: keystore " + keystore + " holds no private key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("dashboard: cannot open keystore " + keystore + " with the password in "
                    + passwordFile + ": " + e.getMessage(), e);
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(store);
        ssl.setKeyStorePassword(password);
        ssl.setKeyManagerPassword(password);
        return ssl;
    }
}
