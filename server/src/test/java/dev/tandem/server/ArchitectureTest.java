package dev.tandem.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tandem.server.access.Guard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server's shape (docs/architecture.md): controllers stay thin (no JDBC, no ledger writes: they
 * ask a service), services know nothing of HTTP (they throw {@link DomainException}, mapped to RFC
 * 9457 in one place), and every handler declares its access-policy action.
 */
class ArchitectureTest {
    static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tandem.server");
    }

    @Test
    void controllersKeepJdbcAndLedgerWritesInServices() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.tandem.server.ledger.Appender")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.tandem.server.ledger.LedgerWork")
                .because("a controller checks input and shapes the answer; state and entries are a service's")
                .check(server);
    }

    @Test
    void servicesKnowNothingOfHttp() {
        noClasses()
                .that()
                .areAnnotatedWith(Service.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..")
                .because("services refuse with DomainException; web.Problems maps it to HTTP")
                .check(server);
    }

    @Test
    void everyHandlerDeclaresItsAccessAction() {
        methods()
                .that()
                .areAnnotatedWith(GetMapping.class)
                .or()
                .areAnnotatedWith(PostMapping.class)
                .or()
                .areAnnotatedWith(PutMapping.class)
                .or()
                .areAnnotatedWith(DeleteMapping.class)
                .should()
                .beAnnotatedWith(Guard.class)
                .because("the access policy decides every endpoint; unguarded handlers are refused")
                .check(server);
    }
}
