package dev.tandem.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScopePeopleTest {

    @Test
    void countsOnePersonPerRecordNotPerNamePart() throws Exception {
        StringBuilder csv = new StringBuilder("FirstName,LastName,Email,MailingCountry\n");
        for (int i = 0; i < 30; i++) {
            csv.append("Name%d,Surname%d,person%d@shop-example.de,DE\n".formatted(i, i, i));
        }
        ScopeCounter counter = new ScopeCounter();
        new PiiScanner(ScanOptions.defaults().withThreads(1))
                .scan(
                        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                        "customers.csv",
                        Format.CSV,
                        counter,
                        ScanProgress.NONE);
        Scope scope = counter.scope();
        assertThat(scope.unique().get(Entity.PERSON)).isEqualTo(60);
        assertThat(scope.people()).isEqualTo(30);
        assertThat(scope.subjects()).isEqualTo("DE=30");
        assertThat(scope.unplaced()).isZero();
    }
}
