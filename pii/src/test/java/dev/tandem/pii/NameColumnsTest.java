package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * People's names under the name columns of commerce exports (Shopify, WooCommerce, Magento,
 * Stripe; German, French, Dutch, Spanish, Portuguese, Italian, Japanese headers), and companies'
 * names, which are none (docs/pii-scanner.md, "Entities and how they are validated").
 */
class NameColumnsTest {
    private static final ScanOptions ONE = ScanOptions.defaults().withThreads(1);

    /** The PERSON values found in a file. */
    private static List<String> people(String name, String content) throws Exception {
        Collected c = Collected.scan(ONE, content.getBytes(UTF_8), name);
        return c.findings.stream()
                .filter(f -> f.entity() == Entity.PERSON)
                .map(Finding::value)
                .toList();
    }

    @Test
    void shopifyWooCommerceMagentoAndStripeNameColumnsHoldNames() throws Exception {
        assertThat(people(
                        "orders_export.csv",
                        "Name,Email,Billing Name,Shipping Name,Lineitem name\n"
                                + "#1001,emily.johnson@gmail.com,Emily Johnson,Mark Johnson,Linen Shirt - M\n"))
                .containsExactly("Emily Johnson", "Mark Johnson");
        assertThat(people(
                        "woocommerce.csv",
                        "billing_first_name,billing_last_name,shipping_first_name,shipping_last_name,billing_email\n"
                                + "Sanne,de Vries,Sanne,de Vries,sanne.devries@ziggo.nl\n"))
                .containsExactly("Sanne", "de Vries", "Sanne", "de Vries");
        assertThat(
                        people(
                                "sales_order_grid.csv",
                                "ID,Purchase Point,Bill-to Name,Ship-to Name,Customer Name,Customer Email\n"
                                        + "000000042,Main Website,Lucía Fernández,Lucía Fernández,Lucía Fernández,lucia@example.es\n"))
                .containsExactly("Lucía Fernández", "Lucía Fernández", "Lucía Fernández");
        assertThat(people(
                        "stripe_payments.json",
                        "{\"id\":\"ch_3N\",\"customer_name\":\"Yuki Tanaka\",\"cardholder_name\":\"Yuki Tanaka\"}"))
                .containsExactly("Yuki Tanaka", "Yuki Tanaka");
    }

    @Test
    void nameColumnsInTheLanguagesOfTheCommerceWordsHoldNames() throws Exception {
        // file, content, the names found joined by '|'
        String[][] cases = {
            {"kunden.csv", "Vorname;Nachname;E-Mail\nKlaus;Weber;k.weber@example.de\n", "Klaus|Weber"},
            {"clients.csv", "Nom;Prénom;Courriel\nMartin;Paul;p.martin@example.fr\n", "Martin|Paul"},
            {"klanten.csv", "Voornaam,Tussenvoegsel,Achternaam\nSanne,de,Vries\n", "Sanne|de|Vries"},
            {"clientes.csv", "Nombre,Apellidos,Correo\nLucía,Fernández García,lucia@example.es\n", "Fernández García"},
            {"clienti.csv", "Nome,Cognome,Email\nGiulia,Rossi,giulia.rossi@example.it\n", "Rossi"},
            {"clientes_br.csv", "Nome completo,Sobrenome\nAna Souza,Souza\n", "Ana Souza|Souza"},
            {"注文.csv", "注文番号,氏名,フリガナ,お届け先氏名\n10023,山田 太郎,ヤマダ タロウ,山田 花子\n", "山田 太郎|ヤマダ タロウ|山田 花子"},
            // a name of two capitalised words under a plain Name, Nombre or Nome column is a person's
            {"contatti.csv", "Nome,Email\nGiulia Rossi,giulia.rossi@example.it\n", "Giulia Rossi"}
        };
        for (String[] c : cases) {
            assertThat(String.join("|", people(c[0], c[1]))).as(c[0]).isEqualTo(c[2]);
        }
    }

    @Test
    void companyProductAndAccountNamesAreNoPeople() throws Exception {
        assertThat(people(
                        "export.csv",
                        "Company,billing_company,Account Name,Firmenname,Product Name,商品名,会社名\n"
                                + "Emily Johnson,Sanne de Vries,Giulia Rossi,Klaus Weber,Linen Shirt,山田 太郎,山田 花子\n"))
                .isEmpty();
    }

    @Test
    void aFrenchNomIsASurnameBesideAFirstNameAndOtherwiseOnlyAName() throws Exception {
        // PrestaShop's customer export: Nom beside Prénom holds surnames
        assertThat(people("clients.csv", "ID;Titre;Prénom;Nom;E-mail\n7;M.;Paul;Martin;p.martin@example.fr\n"))
                .containsExactly("Paul", "Martin");
        // its product list calls the product's name Nom: no person, unless the value looks like one
        assertThat(people(
                        "produits.csv",
                        "ID;Nom;Référence;Catégorie;Prix HT\n"
                                + "1;T-shirt imprimé colibri;demo_1;Vêtements;23,90\n"
                                + "2;Mug;demo_11;Accessoires;11,90\n"
                                + "3;Jean Dupont;demo_12;Accessoires;11,90\n"))
                .containsExactly("Jean Dupont");
    }

    @Test
    void companiesUnderNameColumnsAreNoPeople() throws Exception {
        // B2B orders: the billing name is the buying company's; a name keeps its person
        String csv = """
                Billing Name,Shipping Name,Customer Name
                Acme GmbH,Müller Logistics Ltd,Société Générale SA
                Rossi S.p.A.,Toyota K.K.,Nokia Oyj
                Volvo AB,Polska Sp. z o.o.,"Acme, Inc."
                Grupo Bimbo S.A. de C.V.,株式会社トヨタ,Hans Müller e.K.
                Maria Sa,Emily Johnson,Jan Ab
                """;
        assertThat(people("orders_export.csv", csv))
                .containsExactly("Hans Müller e.K.", "Maria Sa", "Emily Johnson", "Jan Ab");
        String json = "[{\"name\":\"Acme GmbH\"},{\"name\":\"Société Générale S.A.\"},{\"name\":\"Emily Johnson\"}]";
        assertThat(people("customers.json", json)).containsExactly("Emily Johnson");
    }
}
