package dev.prompttracker.adapter.d1.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds the {@code NNNN_description.sql} files, packaged under {@code migrations/} on the classpath or in a folder. */
public final class MigrationSource {
    static final String CLASSPATH_FOLDER = "migrations";

    private MigrationSource() {
    }

    /** The migrations packaged with the product (the {@code migrations} module). */
    public static List<Migration> fromClasspath() {
        URL folder = MigrationSource.class.getClassLoader().getResource(CLASSPATH_FOLDER);
        if (folder == null) {
            throw new IllegalStateException("no migrations/ folder on the classpath");
        }
        try {
            if ("jar".equals(folder.getProtocol())) {
                return fromJar(folder);
            }
            return fromFolder(Path.of(folder.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable migrations location " + folder, e);
        }
    }

    /** The migrations in a folder on disk (wrangler's {@code migrations_dir}). */
    public static List<Migration> fromFolder(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Migration> migrations = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                migrations.add(new Migration(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
            migrations.sort(Migration.WRANGLER_ORDER);
            return migrations;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations from " + folder, e);
        }
    }

    /**
     * Read through the jar's own index rather than a zip file system: that one parses the whole
     * central directory of the (large) product jar again, the JarFile shares what the class loader parsed.
     */
    private static List<Migration> fromJar(URL folder) {
        try {
            JarURLConnection connection = (JarURLConnection) folder.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = CLASSPATH_FOLDER + "/";
                List<Migration> migrations = new ArrayList<>();
                for (JarEntry entry : Collections.list(jar.entries())) {
                    String name = entry.getName();
                    if (name.startsWith(prefix) && name.endsWith(".sql") && name.indexOf('/', prefix.length()) < 0) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            migrations.add(new Migration(name.substring(prefix.length()),
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                        }
                    }
                }
                migrations.sort(Migration.WRANGLER_ORDER);
                return migrations;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations from " + folder, e);
        }
    }
}
