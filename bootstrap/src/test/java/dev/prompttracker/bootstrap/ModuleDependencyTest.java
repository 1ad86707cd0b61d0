package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module table of ARCHITECTURE.md, checked on the poms themselves: a compile dependency between
 * internal modules that the table does not allow fails here, before any class could use it.
 */
class ModuleDependencyTest {
    private static final String GROUP = "dev.prompttracker";
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("migrations", Set.of()),
            Map.entry("proto", Set.of()),
            Map.entry("web", Set.of()),
            Map.entry("domain", Set.of()),
            Map.entry("application", Set.of("domain")),
            Map.entry("cloudflare-api", Set.of()),
            Map.entry("adapters-d1", Set.of("application", "domain", "cloudflare-api", "migrations")),
            Map.entry("adapters-r2", Set.of("application", "domain", "cloudflare-api")),
            Map.entry("adapters-kv", Set.of("application", "domain", "cloudflare-api")),
            Map.entry("adapters-queue", Set.of("application", "domain", "cloudflare-api")),
            Map.entry("adapters-mail", Set.of("application", "domain")),
            Map.entry("adapters-security", Set.of("application", "domain")),
            Map.entry("adapters-diff", Set.of("application", "domain")),
            Map.entry("adapters-http", Set.of("application", "domain", "proto")),
            Map.entry("bootstrap", Set.of("migrations", "proto", "domain", "application", "cloudflare-api",
                    "adapters-d1", "adapters-r2", "adapters-kv", "adapters-queue", "adapters-mail", "adapters-security",
                    "adapters-diff", "adapters-http", "web")),
            // The benchmark harness talks to the product from outside, through its contracts only.
            Map.entry("bench", Set.of("proto")));

    /** Libraries that one module alone may use at run time (other modules may still test with them). */
    private static final Map<String, String> LIBRARY_OWNERS = Map.of(
            "com.nimbusds:nimbus-jose-jwt", "adapters-security",
            "org.bouncycastle:bcprov-jdk18on", "adapters-security",
            "io.github.java-diff-utils:java-diff-utils", "adapters-diff");

    @Test
    void everyModuleDependsOnlyOnWhatTheTableAllows() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> modules = childTexts(parse(root.resolve("pom.xml")).getDocumentElement(), "modules", "module");
        assertThat(modules).contains("domain", "application", "bootstrap");
        List<String> violations = new ArrayList<>();
        for (String module : modules) {
            assertThat(ALLOWED).as("module %s is not in the architecture table", module).containsKey(module);
            for (Map.Entry<String, String> dependency : internalDependencies(root.resolve(module).resolve("pom.xml")).entrySet()) {
                if (shipped(dependency.getValue()) && !ALLOWED.get(module).contains(dependency.getKey())) {
                    violations.add(module + " -> " + dependency.getKey());
                }
            }
        }
        assertThat(violations).as("dependencies the architecture forbids").isEmpty();
    }

    @Test
    void theJwtAndArgon2LibrariesBelongToTheSecurityAdapter() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> violations = new ArrayList<>();
        for (String module : childTexts(parse(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            dependencies(root.resolve(module).resolve("pom.xml"), LIBRARY_OWNERS::containsKey)
                    .forEach((library, scope) -> {
                        if (shipped(scope) && !LIBRARY_OWNERS.get(library).equals(module)) {
                            violations.add(module + " -> " + library);
                        }
                    });
        }
        assertThat(violations).as("libraries used outside the module that owns them").isEmpty();
    }

    @Test
    void theCheckSeesAForbiddenDependency() throws Exception {
        Path pom = Files.createTempFile("pom", ".xml");
        Files.writeString(pom, """
                <project><dependencies>
                  <dependency><groupId>dev.prompttracker</groupId><artifactId>adapters-http</artifactId></dependency>
                </dependencies></project>""");
        assertThat(internalDependencies(pom)).containsKey("adapters-http");
        assertThat(ALLOWED.get("adapters-d1")).doesNotContain("adapters-http");
        Files.delete(pom);
    }

    /** A dependency the module's main code compiles or runs with (not test, not provided). */
    private static boolean shipped(String scope) {
        return scope.isEmpty() || scope.equals("compile") || scope.equals("runtime");
    }

    /** Internal artifactId → scope ("" when none) of a module's direct dependencies. */
    private static Map<String, String> internalDependencies(Path pom) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        dependencies(pom, key -> key.startsWith(GROUP + ":"))
                .forEach((key, scope) -> found.put(key.substring(GROUP.length() + 1), scope));
        return found;
    }

    /** groupId:artifactId → scope ("" when none) of a module's direct dependencies whose key is wanted. */
    private static Map<String, String> dependencies(Path pom, Predicate<String> wanted) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        Element project = parse(pom).getDocumentElement();
        NodeList blocks = project.getElementsByTagName("dependencies");
        for (int b = 0; b < blocks.getLength(); b++) {
            Element block = (Element) blocks.item(b);
            if (!block.getParentNode().getNodeName().equals("project")) {
                continue; // dependencyManagement and plugin dependencies are not module dependencies
            }
            NodeList dependencies = block.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                String key = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
                if (wanted.test(key)) {
                    // The jar and the test-jar of one module share a key: a shipped scope wins over "test".
                    found.merge(key, text(dependency, "scope"), (first, second) -> shipped(first) ? first : second);
                }
            }
        }
        return found;
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    private static List<String> childTexts(Element parent, String container, String tag) {
        List<String> texts = new ArrayList<>();
        NodeList containers = parent.getElementsByTagName(container);
        for (int c = 0; c < containers.getLength(); c++) {
            NodeList nodes = ((Element) containers.item(c)).getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                texts.add(nodes.item(i).getTextContent().strip());
            }
        }
        return texts;
    }
}
