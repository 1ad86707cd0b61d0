package dev.prompttracker.adapter.http.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads classpath folders whole (the app's own files) or file by file (a library's), from a jar or
 * from a folder alike, and finds the libraries' versions in their jars' Maven metadata, so the pom
 * stays the one place a version is written.
 */
final class AppFiles {
    private final ClassLoader loader;

    AppFiles(ClassLoader loader) {
        this.loader = loader;
    }

    Optional<byte[]> read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Every file below {@code folder} (which ends with '/'), by its path relative to it, in name order. */
    Map<String, byte[]> readFolder(String folder) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("jar".equals(root.getProtocol())) {
                    readFromJar(root, folder, files);
                } else if ("file".equals(root.getProtocol())) {
                    readFromDirectory(Path.of(root.toURI()), files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
        return files;
    }

    /**
     * The version of a WebJar ({@code org.webjars.npm}) or mvnpm ({@code org.mvnpm}) package on the
     * classpath, with the folder its files are in; empty when neither is there.
     */
    Optional<Library> library(String name) {
        for (Library.Layout layout : Library.Layout.values()) {
            Optional<byte[]> properties = read("META-INF/maven/" + layout.group() + "/" + name + "/pom.properties");
            if (properties.isPresent()) {
                java.util.Properties values = new java.util.Properties();
                try {
                    values.load(new java.io.ByteArrayInputStream(properties.get()));
                } catch (IOException impossible) {
                    throw new UncheckedIOException(impossible);
                }
                String version = values.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return Optional.of(new Library(name, version.strip(), layout.root(name, version.strip())));
                }
            }
        }
        return Optional.empty();
    }

    private static void readFromJar(URL root, String folder, Map<String, byte[]> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(folder)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.putIfAbsent(entry.getName().substring(folder.length()), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static void readFromDirectory(Path directory, Map<String, byte[]> files) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.putIfAbsent(directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
    }

    /** A front-end package as a jar holds it: where its files are, under which version. */
    record Library(String name, String version, String root) {
        enum Layout {
            WEBJAR("org.webjars.npm", "META-INF/resources/webjars/"),
            MVNPM("org.mvnpm", "META-INF/resources/_static/");

            private final String group;
            private final String prefix;

            Layout(String group, String prefix) {
                this.group = group;
                this.prefix = prefix;
            }

            String group() {
                return group;
            }

            String root(String name, String version) {
                return prefix + name + "/" + version + "/";
            }
        }
    }
}
