package dev.prompttracker.bootstrap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The hexagonal rules of ARCHITECTURE.md, checked on the shipped classes of every module. */
class ArchitectureTest {
    private static final String ROOT = "dev.prompttracker";
    private static final String DOMAIN = ROOT + ".domain..";
    private static final String APPLICATION = ROOT + ".application..";
    private static final String PROTO = ROOT + ".proto..";
    private static final String D1 = ROOT + ".adapter.d1..";
    private static final String R2 = ROOT + ".adapter.r2..";
    private static final String HTTP = ROOT + ".adapter.http..";
    private static final String KV = ROOT + ".adapter.kv..";
    private static final String QUEUE = ROOT + ".adapter.queue..";
    private static final String MAIL = ROOT + ".adapter.mail..";
    private static final String SECURITY = ROOT + ".adapter.security..";
    private static final String DIFF = ROOT + ".adapter.diff..";
    private static final String BOOTSTRAP = ROOT + ".bootstrap..";
    private static final String CLOUDFLARE = ROOT + ".cloudflare..";

    private static final DescribedPredicate<JavaClass> PORT_OUT_REPOSITORY = DescribedPredicate.describe(
            "a repository port of application.port.out", type -> type.isInterface()
                    && type.getPackageName().equals(ROOT + ".application.port.out")
                    && type.getSimpleName().endsWith("Repository"));

    private static JavaClasses classes;

    @BeforeAll
    static void importShippedClasses() {
        // Main classes only: test classes and the application test-jar (fakes, contracts) are left out.
        classes = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void theDomainDependsOnTheJdkOnly() {
        check(classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java.."));
    }

    @Test
    void theApplicationDependsOnTheDomainAndTheJdkOnly() {
        // javax.crypto is java.base's too (the HMAC that tags opaque tokens).
        check(classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..", "javax.crypto.."));
    }

    @Test
    void adaptersDoNotDependOnEachOtherOrOnBootstrap() {
        java.util.List<String> adapters = java.util.List.of(D1, R2, KV, QUEUE, MAIL, SECURITY, DIFF, HTTP);
        for (String adapter : adapters) {
            String[] others = java.util.stream.Stream.concat(adapters.stream().filter(a -> !a.equals(adapter)),
                    java.util.stream.Stream.of(BOOTSTRAP)).toArray(String[]::new);
            check(noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat().resideInAnyPackage(others));
        }
    }

    @Test
    void theRulesSeeShippedClassesOnly() {
        // Test classes (the fakes of the application test-jar, the edge's tests on adapters-security) would
        // make test-scope dependencies look like compile ones.
        assertThat(classes.contain("dev.prompttracker.application.fake.InMemoryUserRepository")).isFalse();
        assertThat(classes.contain(ArchitectureTest.class)).isFalse();
        assertThat(classes.contain("dev.prompttracker.adapter.security.NimbusTokenIssuer")).isTrue();
    }

    @Test
    void onlyTheSecurityAdapterHoldsTheJwtAndArgon2Libraries() {
        // Hashing and token signing are outbound adapters: the inbound edge reaches them through ports.
        check(noClasses().that().resideOutsideOfPackage(SECURITY).should().dependOnClassesThat()
                .resideInAnyPackage("com.nimbusds..", "org.bouncycastle.."));
    }

    @Test
    void adaptersReachTheCoreThroughItsPortsNotItsServices() {
        // The edge takes ApplicationServices (use-case interfaces, in application); the wiring that builds
        // the services is bootstrap's to call.
        check(noClasses().that().resideInAPackage(ROOT + ".adapter..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + ".application.service.."));
    }

    @Test
    void nothingDependsOnBootstrap() {
        check(noClasses().that().resideOutsideOfPackage(BOOTSTRAP).should().dependOnClassesThat()
                .resideInAPackage(BOOTSTRAP));
    }

    @Test
    void onlyTheHttpEdgeAndBootstrapTouchTheProtoContracts() {
        check(noClasses().that().resideOutsideOfPackages(PROTO, HTTP, BOOTSTRAP).should().dependOnClassesThat()
                .resideInAPackage(PROTO));
    }

    @Test
    void theCloudflareClientKnowsNothingOfTheProduct() {
        check(noClasses().that().resideInAPackage(CLOUDFLARE).should().dependOnClassesThat()
                .resideInAnyPackage(DOMAIN, APPLICATION, PROTO, D1, R2, HTTP, KV, QUEUE, MAIL, SECURITY, DIFF,
                        BOOTSTRAP));
    }

    @Test
    void servicesArePackagePrivateAndFinal() {
        check(classes().that().resideInAPackage(ROOT + ".application.service").and().haveSimpleNameEndingWith("Service")
                .should().notBePublic().andShould().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL));
    }

    @Test
    void inboundPortsAreUseCases() {
        // A sealed interface there is a data type with its variants (ImportItem, ExportEntry), not a port.
        check(classes().that().resideInAPackage(ROOT + ".application.port.in").and().areInterfaces()
                .and(com.tngtech.archunit.base.DescribedPredicate.describe("are not sealed",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> !c.reflect().isSealed()))
                .should().haveSimpleNameEndingWith("UseCase"));
    }

    @Test
    void outboundPortsCarryNoPortSuffix() {
        check(classes().that().resideInAPackage(ROOT + ".application.port.out").and().areInterfaces()
                .should().haveSimpleNameNotEndingWith("Port"));
    }

    @Test
    void onlyBootstrapReadsTheWallClock() {
        check(noClasses().that().resideOutsideOfPackage(BOOTSTRAP).should()
                .callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis"));
    }

    @Test
    void nothingPrintsToTheConsole() {
        // Main alone hands the console to the operator commands, whose output is their result.
        check(noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err"));
    }

    @Test
    void theProductLogsThroughTheJdksSystemLoggerOnly() {
        // One logging API in every module, the core's (JDK only); bootstrap routes it to logback. The access
        // line alone speaks SLF4J: its key-value fields (columns of the JSON logs) have no System.Logger form.
        check(noClasses().that().resideInAPackage(ROOT + "..")
                .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(AccessLog.class)))
                .should().dependOnClassesThat().resideInAPackage("org.slf4j.."));
        check(noClasses().that().resideInAPackage(BOOTSTRAP).and(DescribedPredicate.not(
                        JavaClass.Predicates.simpleNameStartingWith("AccessLog")
                                .or(JavaClass.Predicates.simpleNameStartingWith("Log"))
                                .or(JavaClass.Predicates.simpleNameStartingWith("RequestId"))))
                .should().dependOnClassesThat().resideInAPackage("org.slf4j.."));
    }

    @Test
    void onlyBootstrapConfiguresLogback() {
        check(noClasses().that().resideOutsideOfPackage(BOOTSTRAP).should().dependOnClassesThat()
                .resideInAPackage("ch.qos.logback.."));
    }

    @Test
    void theCoreUsesNoBannedNames() {
        check(noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().haveSimpleNameEndingWith("Impl").orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils"));
    }

    @Test
    void theSqlRepositoriesAreNamedForSqlNotForOneEngine() {
        // One class serves local SQLite and D1 alike (through SqlExecutor): Sql<Port>, never Sqlite<Port>.
        check(classes().that().resideInAPackage(D1).and().implement(PORT_OUT_REPOSITORY)
                .should(new ArchCondition<>("be named Sql followed by the repository port they implement") {
                    @Override
                    public void check(JavaClass repository, ConditionEvents events) {
                        List<String> expected = repository.getRawInterfaces().stream()
                                .filter(PORT_OUT_REPOSITORY).map(port -> "Sql" + port.getSimpleName()).toList();
                        if (!expected.contains(repository.getSimpleName())) {
                            events.add(SimpleConditionEvent.violated(repository,
                                    repository.getName() + " should be named one of " + expected));
                        }
                    }
                }));
    }

    @Test
    void domainErrorsLiveInOnePackage() {
        check(classes().that().areAssignableTo(dev.prompttracker.domain.error.DomainException.class)
                .should().resideInAPackage(ROOT + ".domain.error"));
    }
}
