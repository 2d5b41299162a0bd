package dev.tandem.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.scope.DistinctHashes;
import dev.tandem.pii.scope.Jurisdictions;
import org.junit.jupiter.api.Test;

class ScopeCounterTest {
    private static Finding f(Entity e, String normalized, String jurisdiction) {
        return new Finding("f", 0, 1, 1, e, normalized, normalized, jurisdiction);
    }

    @Test
    void countsDistinctPeopleAndJurisdictionsWithoutDoubleCounting() {
        ScopeCounter c = new ScopeCounter();
        // the same German number twice, another German, a US phone from California's record
        c.finding(f(Entity.PHONE_NUMBER, "+4930901820", "DE"));
        c.finding(f(Entity.PHONE_NUMBER, "+4930901820", "DE"));
        c.finding(f(Entity.PHONE_NUMBER, "+4930901821", "DE"));
        c.finding(f(Entity.PHONE_NUMBER, "+14155552671", "US"));
        c.finding(f(Entity.EMAIL_ADDRESS, "a@example.com", null));
        c.subject(new SubjectRecord("f", "EMAIL_ADDRESS:a@example.com", "US-CA"));
        c.subject(new SubjectRecord("f", "EMAIL_ADDRESS:b@example.com", "DE"));
        Scope s = c.scope();
        assertThat(s.counts().get(Entity.PHONE_NUMBER)).isEqualTo(4);
        assertThat(s.unique().get(Entity.PHONE_NUMBER)).isEqualTo(3);
        // DE: two phones vs one record: the larger; US: one phone, already counted in US-CA
        assertThat(s.subjects()).isEqualTo("DE=2,US-CA=1");
        assertThat(s.people()).isEqualTo(3);
        assertThat(s.unplaced()).isZero();
    }

    @Test
    void identifiersOfARecordAreItsPersonsAndCountNobodyMore() {
        ScopeCounter c = new ScopeCounter();
        // a contact with an e-mail and two French phones, and a phone in a log
        c.finding(new Finding(
                "f", 0, 1, 2, Entity.EMAIL_ADDRESS, "p@example.fr", "p@example.fr", null, 0.95, null, true));
        c.finding(
                new Finding("f", 2, 3, 2, Entity.PHONE_NUMBER, "+33142685300", "+33142685300", "FR", 0.99, null, true));
        c.finding(
                new Finding("f", 4, 5, 2, Entity.PHONE_NUMBER, "+33612345678", "+33612345678", "FR", 0.99, null, true));
        c.subject(new SubjectRecord("f", "EMAIL_ADDRESS:p@example.fr", "FR"));
        c.finding(f(Entity.PHONE_NUMBER, "+4930901820", "DE"));
        Scope s = c.scope();
        assertThat(s.unique().get(Entity.PHONE_NUMBER)).isEqualTo(3);
        assertThat(s.people()).isEqualTo(1);
        assertThat(s.subjects()).isEqualTo("DE=1,FR=1");
        assertThat(s.unplaced()).isZero();
    }

    @Test
    void partsTalliedOnScanningThreadsGiveTheSameScopeAsResultsOneByOne() {
        Finding[] findings = {
            f(Entity.PHONE_NUMBER, "+4930901820", "DE"),
            f(Entity.PHONE_NUMBER, "+4930901820", "DE"),
            f(Entity.IBAN_CODE, "DE89370400440532013000", "DE"),
            f(Entity.US_SSN, "536228726", "US"),
            f(Entity.PHONE_NUMBER, "+14155552671", "US"),
            f(Entity.EMAIL_ADDRESS, "a@example.com", null),
            new Finding("f", 0, 1, 1, Entity.CREDIT_CARD, "4111", "4111", null, 0.2, null, false),
            new Finding("f", 0, 1, 1, Entity.PHONE_NUMBER, "+33612345678", "+33612345678", "FR", 0.99, null, true)
        };
        SubjectRecord[] subjects = {
            new SubjectRecord("f", "EMAIL_ADDRESS:a@example.com", "US-CA"),
            new SubjectRecord("f", "EMAIL_ADDRESS:c@example.com", null)
        };
        // the default threshold and one that leaves more findings out: both are tallied alike
        for (double threshold : new double[] {ScopeCounter.DEFAULT_MIN_CONFIDENCE, 0.95}) {
            ScopeCounter direct = new ScopeCounter(threshold);
            ScopeCounter merged = new ScopeCounter(threshold);
            ScopeCounter.Part part = merged.newPart();
            for (Finding x : findings) {
                direct.finding(x);
                part.finding(x);
            }
            for (SubjectRecord x : subjects) {
                direct.subject(x);
                part.subject(x);
            }
            merged.merge(part);
            assertThat(merged.scope()).as("threshold " + threshold).isEqualTo(direct.scope());
        }
    }

    /** Many parts of thousands of results each, merged in turn, against the same results one by one. */
    @Test
    void largePartsMergedInTurnGiveTheSameScopeAsResultsOneByOne() {
        java.util.Random random = new java.util.Random(92);
        Entity[] entities = Entity.values();
        String[] jurisdictions = {null, "DE", "US", "US-CA", "FR", "GB"};
        ScopeCounter direct = new ScopeCounter(ScopeCounter.DEFAULT_MIN_CONFIDENCE);
        ScopeCounter merged = new ScopeCounter(ScopeCounter.DEFAULT_MIN_CONFIDENCE);
        for (int parts = 0; parts < 12; parts++) {
            ScopeCounter.Part part = merged.newPart();
            int n = random.nextInt(5000);
            for (int i = 0; i < n; i++) {
                // mostly new values, so that each set's distinct count depends on every insert; some repeated
                String value = "v" + (random.nextInt(4) == 0 ? random.nextInt(50) : parts * 10_000 + i);
                String jurisdiction = jurisdictions[random.nextInt(jurisdictions.length)];
                if (random.nextInt(10) == 0) {
                    SubjectRecord r = new SubjectRecord("f", "EMAIL_ADDRESS:" + value, jurisdiction);
                    direct.subject(r);
                    part.subject(r);
                } else {
                    Entity e = entities[random.nextInt(entities.length)];
                    double confidence = random.nextInt(8) == 0 ? 0.2 : 0.9;
                    Finding x = new Finding(
                            "f", 0, 1, 1, e, value, value, jurisdiction, confidence, null, random.nextInt(3) == 0);
                    direct.finding(x);
                    part.finding(x);
                }
            }
            merged.merge(part);
            part.clear();
        }
        assertThat(merged.scope()).isEqualTo(direct.scope());
    }

    @Test
    void distinctHashesCountExactlyAndReportTheirMemory() {
        DistinctHashes d = new DistinctHashes();
        for (int i = 0; i < 1_000_000; i++) d.add("user" + i + "@example.com");
        for (int i = 0; i < 1_000_000; i += 2) d.add("user" + i + "@example.com");
        assertThat(d.size()).isEqualTo(1_000_000);
        // 2^21 slots of 8 bytes at load 0.48: 16.8 bytes a value
        assertThat(d.memoryBytes()).isEqualTo(16L << 20);
    }

    @Test
    void hashesAddedTogetherMakeTheSetsTheyMakeOneByOne() {
        java.util.Random random = new java.util.Random(7);
        DistinctHashes[] together = {new DistinctHashes(), new DistinctHashes(), new DistinctHashes()};
        DistinctHashes[] oneByOne = {new DistinctHashes(), new DistinctHashes(), new DistinctHashes()};
        int n = 100_003; // not a multiple of the run read ahead
        DistinctHashes[] sets = new DistinctHashes[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(3);
            long h = i % 1000 == 0 ? 0 : random.nextInt(40_000) * 0x9E3779B97F4A7C15L;
            sets[i] = together[k];
            hashes[i] = h;
            oneByOne[k].addHash(h);
        }
        DistinctHashes.addHashes(sets, hashes, n);
        for (int k = 0; k < 3; k++) {
            assertThat(together[k].size()).isEqualTo(oneByOne[k].size());
            assertThat(together[k].addHash(0)).isFalse();
        }
    }

    @Test
    void jurisdictionsReadCountryAndStateValuesAsExportsWriteThem() {
        assertThat(Jurisdictions.country("Germany")).isEqualTo("DE");
        assertThat(Jurisdictions.country("deu")).isEqualTo("DE");
        assertThat(Jurisdictions.country("U.S.A.")).isEqualTo("US");
        assertThat(Jurisdictions.country("United  Kingdom")).isEqualTo("GB");
        assertThat(Jurisdictions.country("Atlantis")).isNull();
        assertThat(Jurisdictions.subdivision("US", "California")).isEqualTo("US-CA");
        assertThat(Jurisdictions.subdivision(null, "tx")).isEqualTo("US-TX");
        assertThat(Jurisdictions.subdivision("CA", "Ontario")).isEqualTo("CA-ON");
        assertThat(Jurisdictions.subdivision("DE", "Bayern")).isNull();
        assertThat(Jurisdictions.subdivision(null, "US-NY")).isEqualTo("US-NY");
    }

    @Test
    void payloadsAreInspectedInMemoryWithJsonKeysAsContext() {
        Payloads.Inspection i = Payloads.withDefaults()
                .inspect(
                        "{\"customer\":{\"firstName\":\"Ada\",\"email\":\"ada@example.com\",\"card\":\"4539 5787 6362 1486\"}}");
        assertThat(i.count(Entity.PERSON)).isEqualTo(1);
        assertThat(i.count(Entity.EMAIL_ADDRESS)).isEqualTo(1);
        assertThat(i.count(Entity.CREDIT_CARD)).isEqualTo(1);
        assertThat(i.findings().get(1).start()).isEqualTo(40);
        assertThat(Payloads.withDefaults().inspect("nothing here 1.2.3.4.5").containsPii())
                .isFalse();
    }
}
