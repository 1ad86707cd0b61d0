package dev.prompttracker.bootstrap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.application.contract.TokenIssuerContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every outbound port has its contract suite, {@code <Port>Contract} in the application test-jar, and at
 * least two test classes run it, one of them a real adapter's, so a fake is never trusted alone.
 * The suites come from this module's test classpath; the classes running them from every module's
 * compiled tests ({@code <module>/target/test-classes}, built by the reactor before bootstrap's).
 */
class OutboundPortContractsTest {
    private static final String PORTS = "dev.prompttracker.application.port.out";
    private static final String CONTRACTS = "dev.prompttracker.application.contract";
    private static final String ADAPTERS = "dev.prompttracker.adapter";
    /** The class names Surefire and Failsafe run by default (the root pom changes neither). */
    private static final String RUN_BY_NAME = "Test.*|.*Test|.*Tests|.*TestCase|IT.*|.*IT|.*ITCase";

    private static JavaClasses compiledTests;

    @BeforeAll
    static void importEveryModulesTests() throws Exception {
        // bootstrap/target/test-classes -> the project root, wherever the tests are started from.
        Path root = Path.of(OutboundPortContractsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().getParent().getParent();
        List<Path> folders = new ArrayList<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList modules = factory.newDocumentBuilder().parse(root.resolve("pom.xml").toFile()).getDocumentElement()
                .getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Path folder = root.resolve(((Element) modules.item(i)).getTextContent().strip()).resolve("target/test-classes");
            if (Files.isDirectory(folder)) {
                folders.add(folder);
            }
        }
        compiledTests = new ClassFileImporter().importPaths(folders);
    }

    @Test
    void everyOutboundPortHasAContractRunByAtLeastTwoTestClasses() {
        JavaClasses ports = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PORTS);
        classes().that().resideInAPackage(PORTS).and().areInterfaces().and().areTopLevelClasses()
                .should(new ArchCondition<>("have a contract suite run by at least two test classes, one an adapter's") {
                    @Override
                    public void check(JavaClass port, ConditionEvents events) {
                        shortfall(port, compiledTests).ifPresent(
                                problem -> events.add(SimpleConditionEvent.violated(port, problem)));
                    }
                })
                .check(ports);
    }

    @Test
    void aPortWithoutAContractIsReported() {
        JavaClass uncovered = new ClassFileImporter().importClass(Uncovered.class);
        assertThat(shortfall(uncovered, compiledTests)).hasValueSatisfying(problem ->
                assertThat(problem).contains("no " + CONTRACTS + ".UncoveredContract"));
    }

    @Test
    void aContractRunByTheFakeAloneIsReported() {
        JavaClass port = new ClassFileImporter().importClass(TokenIssuer.class);
        JavaClasses fakesOnly = new ClassFileImporter().importPackages("dev.prompttracker.application.fake");
        assertThat(shortfall(port, fakesOnly)).hasValueSatisfying(problem ->
                assertThat(problem).contains("run by 1 test class", "FakesContractTest$Tokens"));
        assertThat(shortfall(port, compiledTests)).isEmpty();
    }

    @Test
    void twoRunnersOutsideTheAdaptersAreNotEnough() {
        String contract = TokenIssuerContract.class.getName();
        assertThat(shortfall(contract, List.of("dev.prompttracker.application.fake.FakesContractTest$Tokens",
                "dev.prompttracker.application.fake.OtherFakeTest"))).isPresent();
        assertThat(shortfall(contract, List.of("dev.prompttracker.application.fake.FakesContractTest$Tokens",
                ADAPTERS + ".security.NimbusTokenIssuerTest"))).isEmpty();
    }

    @Test
    void onlyClassesJUnitRunsCountAsRunners() {
        assertThat(compiledTests.get("dev.prompttracker.application.fake.FakesContractTest$Tokens"))
                .matches(OutboundPortContractsTest::runsAsATest);
        JavaClasses fixtures = new ClassFileImporter().importClasses(NotNested.class, NotNestedStatic.class,
                SuiteNobodyRuns.class, SuiteNobodyRuns.Inside.class, Uncovered.class);
        assertThat(fixtures.stream().filter(OutboundPortContractsTest::runsAsATest)).isEmpty();
    }

    /** What the port lacks: its contract on the classpath, or the test classes running it. */
    static Optional<String> shortfall(JavaClass port, JavaClasses tests) {
        String contract = CONTRACTS + "." + port.getSimpleName() + "Contract";
        try {
            Class.forName(contract, false, OutboundPortContractsTest.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return Optional.of("no " + contract + " in the application test-jar");
        }
        return shortfall(contract, tests.stream()
                .filter(OutboundPortContractsTest::runsAsATest)
                .filter(type -> type.isAssignableTo(contract))
                .map(JavaClass::getName).sorted().toList());
    }

    static Optional<String> shortfall(String contract, List<String> runners) {
        boolean anAdapterRunsIt = runners.stream().anyMatch(name -> name.startsWith(ADAPTERS + "."));
        return runners.size() >= 2 && anAdapterRunsIt ? Optional.empty() : Optional.of(contract + " is run by "
                + runners.size() + " test class(es) " + runners + "; a fake and a real adapter should both run it"
                + " (test classes are read from <module>/target/test-classes: build with -am)");
    }

    /** JUnit runs it: a concrete top-level class Surefire or Failsafe picks by name, or a @Nested class in one. */
    static boolean runsAsATest(JavaClass type) {
        if (type.isInterface() || type.getModifiers().contains(JavaModifier.ABSTRACT)) {
            return false;
        }
        if (type.isTopLevelClass()) {
            return type.getSimpleName().matches(RUN_BY_NAME);
        }
        return type.isInnerClass() && type.isAnnotatedWith(Nested.class)
                && type.getEnclosingClass().filter(OutboundPortContractsTest::runsAsATest).isPresent();
    }

    /** A port nobody wrote a contract for. */
    interface Uncovered {
    }

    /** Not {@code @Nested}: JUnit runs no suite in it. */
    class NotNested {
    }

    /** Static: JUnit runs no suite in it, and Surefire leaves out nested classes. */
    static class NotNestedStatic {
    }
}

/** Neither Surefire nor Failsafe picks a class by this name, so neither its {@code @Nested} classes. */
class SuiteNobodyRuns {
    @Nested
    class Inside {
    }
}
