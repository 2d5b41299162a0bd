package dev.tandem.server.ledger;

import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.web.WebPages;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ledger in the browser (docs/web.md): the latest signed checkpoint and the verifier key, and a
 * page whose script ({@code static/js/ledger-verify.js}) checks an entry's inclusion proof and the
 * checkpoint's signature with the browser's own Web Crypto, from the API's answers, so that nobody
 * has to take the server's word for it (docs/contracts.md §1, RFC 9162 §2.1.3.2).
 */
@WebPages
class LedgerPages {
    private final Ledger ledger;

    LedgerPages(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The checkpoint's three lines (C2SP tlog-checkpoint), for the page to show beside the note. */
    record Checkpoint(String origin, long size, String root, String note) {
        static Checkpoint of(String note) {
            List<String> lines = note.lines().toList();
            return new Checkpoint(lines.get(0), Long.parseLong(lines.get(1)), lines.get(2), note);
        }
    }

    @GetMapping("/ledger")
    @Guard(Action.LEDGER_READ)
    String ledger(Model model) {
        model.addAttribute("checkpoint", Checkpoint.of(ledger.head().checkpoint()));
        model.addAttribute("key", ledger.verifierKey());
        return "ledger/ledger";
    }

    @GetMapping("/ledger/verify")
    @Guard(Action.LEDGER_READ)
    String verify(
            @RequestParam(required = false) @Nullable Long index,
            @RequestParam(required = false) @Nullable String tamper,
            Model model) {
        Checkpoint checkpoint = Checkpoint.of(ledger.head().checkpoint());
        model.addAttribute("checkpoint", checkpoint);
        model.addAttribute("key", ledger.verifierKey());
        model.addAttribute("index", index == null ? checkpoint.size() - 1 : index);
        model.addAttribute("run", index != null);
        model.addAttribute("tamper", tamper != null && !tamper.isBlank() && !"0".equals(tamper));
        return "ledger/verify";
    }
}
