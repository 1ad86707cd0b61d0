package dev.prompttracker.adapter.d1.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            URI uri = folder.toURI();
            if ("jar".equals(uri.getScheme())) {
                return fromJar(uri);
            }
            return fromFolder(Path.of(uri));
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

    private static List<Migration> fromJar(URI uri) {
        FileSystem jar;
        boolean opened = false;
        try {
            jar = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException notYetOpen) {
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + uri, e);
            }
        }
        try {
            return fromFolder(jar.getPath(CLASSPATH_FOLDER));
        } finally {
            if (opened) {
                closeQuietly(jar);
            }
        }
    }

    private static void closeQuietly(FileSystem fileSystem) {
        try {
            fileSystem.close();
        } catch (IOException ignored) {
            // Only the listing was needed; the contents are already read.
        }
    }
}
