package io.github.dlnkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Facts about this build, from {@code dlnkit-version.properties}, which Maven fills in from the POM when it copies the
 * resources (so they are right in the jar, in {@code target/classes} and in the notebooks): {@code version} (the
 * project's) and {@code openblas.version} (the OpenBLAS shaded into the jar). Read once.
 */
public final class BuildInfo {
    private static final String RESOURCE = "/io/github/dlnkit/dlnkit-version.properties";
    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            p.clear(); // treated as absent: every property then reads null
        }
        return p;
    }

    /** The value of {@code key}, or null when the resource or the key is missing or Maven did not fill it in. */
    public static String property(String key) {
        String v = PROPERTIES.getProperty(key);
        return v == null || v.isBlank() || v.contains("${") ? null : v.trim();
    }
}
