// Command interop checks Tandem ledger artifacts with Go's own sumdb code, independently of the Java code
// that produced them: the checkpoint signature with golang.org/x/mod/sumdb/note, and the tree, inclusion
// and consistency proofs with golang.org/x/mod/sumdb/tlog.
//
// Usage: go run . DIR, where DIR holds
//
//	key.txt         the verifier key (<name>+<hex key id>+<base64 key>)
//	checkpoint.txt  the signed checkpoint (C2SP tlog-checkpoint in a C2SP signed note)
//	ledger.json     {"leaves":["<base64 leaf>",...],
//	                 "inclusion":[{"index":I,"size":N,"hashes":["<base64>",...]}],
//	                 "consistency":[{"from":M,"to":N,"hashes":["<base64>",...]}]}
//
// or: go run . --bag BAG [--key VKEY] [--since OLD_CHECKPOINT] [--witness-key VKEY]... [--allow-unlisted]
// [--incident ID] [WITNESS_VKEY], where BAG is an unpacked Tandem export bag (docs/contracts.md §5) and the options mean
// what tandem verify's do (docs/export.md, "Verify, offline"; ADR 151): the format bag-info.txt declares
// (Tandem-Bag-Format, none for format 1; a newer format than this checker knows fails as such), every
// tag and payload manifest line (SHA-256, SHA-512), the files they list and the contract defines, and
// Payload-Oxum (bag.go); the checkpoint signed by the key pinned with --key (without it, the bag's own
// data/ledger/key: every check runs, but the verdict is FAILED "signer not pinned" unless the trusted
// witnesses cosigned it), every leaf of data/ledger/entries.jsonl checked with tlog.CheckRecord against
// the proof of data/ledger/proofs.jsonl, the drawn checkpoint (when the bag holds it) with its
// consistency proof to the bag's checkpoint, data/analysis/timeline.jsonl (format 3) against the public
// leak.timeline-entry entries it is drawn from, the bag's own export entry (the entries it lists, the
// SHA-256 of the reports, the OSCAL document and the drawn checkpoint), every evidence file and row of
// data/evidence/index.json against its evidence.added entry, with --since the consistency proof from a
// checkpoint kept earlier (tlog.CheckTree), and, given witness keys, each one's C2SP tlog-cosignature v1
// on the checkpoint, verified by a note.Verifier written here from the spec. bag-info.txt's Tandem-Incident is
// checked against every entry (each of that incident, one of them its incident.opened) and its
// Tandem-Checkpoint-* fields against the signed checkpoint; a bag-info.txt giving one of these twice is
// malformed. It then says what is signed and what is not, as tandem verify does (docs/contracts.md
// "Additions", ADR 142): the export time the bag's export entry records (signed with it), and one
// "not signed: ..." line for each other bagit.txt and bag-info.txt field, each tag file beside BagIt's
// and data/ledger/key, in the same order.
//
// It exits 0 when everything verifies and 1, naming the first failure, otherwise.
package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type proof struct {
	Index  int64    `json:"index"`
	Size   int64    `json:"size"`
	From   int64    `json:"from"`
	To     int64    `json:"to"`
	Hashes [][]byte `json:"hashes"`
}

type ledger struct {
	Leaves      [][]byte `json:"leaves"`
	Inclusion   []proof  `json:"inclusion"`
	Consistency []proof  `json:"consistency"`
}

func main() {
	if len(os.Args) >= 3 && os.Args[1] == "--bag" {
		bag, options, err := parseBagArgs(os.Args[2:])
		if err != nil {
			fmt.Fprintln(os.Stderr, "interop --bag:", err)
			fmt.Fprintln(os.Stderr, "usage: interop --bag BAG [--key VKEY] [--since OLD_CHECKPOINT] [--witness-key VKEY]... [--allow-unlisted] [--incident ID]")
			os.Exit(2)
		}
		if err := runBag(bag, options); err != nil {
			fmt.Println("FAILED:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: interop DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Println("FAILED:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	vkey, err := os.ReadFile(filepath.Join(dir, "key.txt"))
	if err != nil {
		return err
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(string(vkey)))
	if err != nil {
		return fmt.Errorf("verifier key: %w", err)
	}
	signed, err := os.ReadFile(filepath.Join(dir, "checkpoint.txt"))
	if err != nil {
		return err
	}
	n, err := note.Open(signed, note.VerifierList(verifier))
	if err != nil {
		return fmt.Errorf("checkpoint signature: %w", err)
	}
	origin, size, root, err := parseCheckpoint(n.Text)
	if err != nil {
		return err
	}
	fmt.Printf("note.Open: checkpoint of %s signed by %s+%08x: size %d, root %s\n",
		origin, n.Sigs[0].Name, n.Sigs[0].Hash, size, root)

	raw, err := os.ReadFile(filepath.Join(dir, "ledger.json"))
	if err != nil {
		return err
	}
	var l ledger
	if err := json.Unmarshal(raw, &l); err != nil {
		return fmt.Errorf("ledger.json: %w", err)
	}
	if int64(len(l.Leaves)) != size {
		return fmt.Errorf("checkpoint size %d but %d leaves", size, len(l.Leaves))
	}

	// Recompute the whole tree from the leaves with tlog's own storage layout.
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			if x < 0 || x >= int64(len(stored)) {
				return nil, errors.New("hash index out of range")
			}
			out[i] = stored[x]
		}
		return out, nil
	})
	roots := map[int64]tlog.Hash{}
	for i, leaf := range l.Leaves {
		hs, err := tlog.StoredHashes(int64(i), leaf, reader)
		if err != nil {
			return err
		}
		stored = append(stored, hs...)
		th, err := tlog.TreeHash(int64(i)+1, reader)
		if err != nil {
			return err
		}
		roots[int64(i)+1] = th
	}
	if size > 0 && roots[size] != root {
		return fmt.Errorf("tlog.TreeHash over the %d leaves is %s, the checkpoint says %s", size, roots[size], root)
	}
	fmt.Printf("tlog.TreeHash: the %d leaves hash to the checkpoint root\n", size)

	for _, p := range l.Inclusion {
		rp, err := hashes(p.Hashes)
		if err != nil {
			return err
		}
		th, ok := roots[p.Size]
		if !ok {
			return fmt.Errorf("inclusion proof for unknown size %d", p.Size)
		}
		if err := tlog.CheckRecord(rp, p.Size, th, p.Index, tlog.RecordHash(l.Leaves[p.Index])); err != nil {
			return fmt.Errorf("tlog.CheckRecord(index %d, size %d): %w", p.Index, p.Size, err)
		}
	}
	fmt.Printf("tlog.CheckRecord: %d inclusion proofs verified\n", len(l.Inclusion))

	for _, p := range l.Consistency {
		tp, err := hashes(p.Hashes)
		if err != nil {
			return err
		}
		if err := tlog.CheckTree(tp, p.To, roots[p.To], p.From, roots[p.From]); err != nil {
			return fmt.Errorf("tlog.CheckTree(%d -> %d): %w", p.From, p.To, err)
		}
	}
	fmt.Printf("tlog.CheckTree: %d consistency proofs verified\n", len(l.Consistency))
	return nil
}

// parseCheckpoint reads the three lines of a C2SP tlog-checkpoint; tlog.ParseTree reads only
// the Go checksum database's own header, so it cannot be used here.
func parseCheckpoint(text string) (string, int64, tlog.Hash, error) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != 3 {
		return "", 0, tlog.Hash{}, fmt.Errorf("checkpoint has %d lines, want 3", len(lines))
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return "", 0, tlog.Hash{}, fmt.Errorf("checkpoint size %q", lines[1])
	}
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		return "", 0, tlog.Hash{}, fmt.Errorf("checkpoint root %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], raw)
	return lines[0], size, root, nil
}

func hashes(raw [][]byte) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(raw))
	for i, h := range raw {
		if len(h) != tlog.HashSize {
			return nil, fmt.Errorf("proof hash %d has %d bytes", i, len(h))
		}
		copy(out[i][:], h)
	}
	return out, nil
}

// knownFormat is the newest bag format (bag-info.txt's Tandem-Bag-Format, docs/contracts.md §5) this
// checker reads; a bag without the line is of format 1.
const knownFormat = 3

// bagFormat reads the format bag-info.txt declares, 1 when it declares none, and fails for a format
// newer than knownFormat, whose files this checker would misread.
func bagFormat(bag string) (int, error) {
	raw, err := os.ReadFile(filepath.Join(bag, "bag-info.txt"))
	if err != nil {
		return 0, err
	}
	format := 1
	seen := 0
	for _, line := range strings.Split(string(raw), "\n") {
		label, value, ok := strings.Cut(strings.TrimRight(line, "\r"), ":")
		if !ok || strings.TrimSpace(label) != "Tandem-Bag-Format" {
			continue
		}
		seen++
		value = strings.TrimSpace(value)
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || value != strconv.Itoa(n) {
			return 0, fmt.Errorf("bag-info.txt: Tandem-Bag-Format is %q, not a format number", value)
		}
		format = n
	}
	if seen > 1 {
		return 0, fmt.Errorf("bag-info.txt declares Tandem-Bag-Format %d times", seen)
	}
	if format > knownFormat {
		return 0, fmt.Errorf("bag-info.txt: made by a newer Tandem, format %d; this checker knows formats up to %d%s", format, knownFormat, editedSince(bag, raw))
	}
	return format, nil
}

// editedSince is said of a bag that declares a newer format when its own tagmanifest-sha256.txt (RFC 8493
// §2.2.1, which no format of Tandem's changes) records another SHA-256 for bag-info.txt: the line may have
// been raised by hand. Empty when the tag manifest agrees, lists no bag-info.txt or is absent.
func editedSince(bag string, info []byte) string {
	tags, err := os.ReadFile(filepath.Join(bag, "tagmanifest-sha256.txt"))
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(info)
	actual := hex.EncodeToString(sum[:])
	for _, line := range strings.Split(string(tags), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 2 && fields[1] == "bag-info.txt" && !strings.EqualFold(fields[0], actual) {
			return "; but tagmanifest-sha256.txt records another SHA-256 for bag-info.txt: its line may have been changed by hand since the bag was made"
		}
	}
	return ""
}

// runBag checks an unpacked export bag's checkpoint and proofs with sumdb/note and sumdb/tlog, then
// says what of it is signed and what is not.
func runBag(bag string, options bagOptions) error {
	format, err := bagFormat(bag)
	if err != nil {
		return err
	}
	fmt.Printf("bag-info.txt: bag format %d\n", format)
	declaration, err := readFields(bag, "bagit.txt")
	if err != nil {
		return err
	}
	if v, _ := infoValue(declaration, "BagIt-Version"); v != "1.0" {
		return fmt.Errorf("malformed: bagit.txt: BagIt-Version is %q, not 1.0 (RFC 8493 §2.1.1)", printable(v))
	}
	if e, _ := infoValue(declaration, "Tag-File-Character-Encoding"); !strings.EqualFold(e, "UTF-8") {
		return fmt.Errorf("malformed: bagit.txt: Tag-File-Character-Encoding is %q, not UTF-8", printable(e))
	}
	info, err := readFields(bag, "bag-info.txt")
	if err != nil {
		return err
	}
	sha, err := checkManifests(bag, format, info)
	if err != nil {
		return err
	}
	// A bound field given twice would show a reader a value that only its other line is checked for.
	for _, label := range boundInfo {
		var given []string
		for _, f := range info {
			if f.label == label {
				given = append(given, f.value)
			}
		}
		if len(given) > 1 {
			return fmt.Errorf("malformed: bag-info.txt: it gives %s %d times (%s); a bag has one", label, len(given), strings.Join(given, ", "))
		}
	}
	ledgerDir := filepath.Join(bag, "data", "ledger")
	vkey, err := os.ReadFile(filepath.Join(ledgerDir, "key"))
	if err != nil {
		return err
	}
	bagKey := strings.TrimSpace(string(vkey))
	// The bag's own key says only that the bag is consistent with itself: whoever changed it could have
	// signed it again and put their key there. --key pins the log's key, received out of band.
	pinned := strings.TrimSpace(options.key)
	signer := pinned
	if signer == "" {
		signer = bagKey
	}
	verifier, err := note.NewVerifier(signer)
	if err != nil {
		return fmt.Errorf("data/ledger/key: %w", err)
	}
	verifiers := []note.Verifier{verifier}
	for _, witnessKey := range options.witnesses {
		w, err := newCosignatureV1Verifier(witnessKey)
		if err != nil {
			return fmt.Errorf("witness key: %w", err)
		}
		verifiers = append(verifiers, w)
	}
	signed, err := os.ReadFile(filepath.Join(ledgerDir, "checkpoint"))
	if err != nil {
		return err
	}
	n, err := note.Open(signed, note.VerifierList(verifiers...))
	if err != nil {
		if pinned != "" {
			return fmt.Errorf("bad signature: data/ledger/checkpoint: not signed by the key pinned with --key (%s): %w", printable(pinned), err)
		}
		return fmt.Errorf("data/ledger/checkpoint signature: %w", err)
	}
	if n.Sigs[0].Name != verifier.Name() || n.Sigs[0].Hash != verifier.KeyHash() {
		return fmt.Errorf("bad signature: data/ledger/checkpoint: it carries no valid signature by %s", printable(signer))
	}
	origin, size, root, err := parseCheckpoint(n.Text)
	if err != nil {
		return err
	}
	fmt.Printf("note.Open: bag checkpoint of %s, size %d, root %s, %d signature(s) verified\n", origin, size, root, len(n.Sigs))
	incident, _ := infoValue(info, "Tandem-Incident")
	if strings.TrimSpace(incident) == "" {
		return errors.New("malformed: bag-info.txt: it names no Tandem-Incident")
	}
	infoOrigin, _ := infoValue(info, "Tandem-Checkpoint-Origin")
	infoSize, _ := infoValue(info, "Tandem-Checkpoint-Size")
	infoRoot, _ := infoValue(info, "Tandem-Checkpoint-Root")
	if infoOrigin != origin || infoSize != strconv.FormatInt(size, 10) || infoRoot != root.String() {
		return fmt.Errorf("malformed: bag-info.txt: its checkpoint fields (%s, size %s, root %s) are not the signed checkpoint's (%s, size %d, root %s)", infoOrigin, infoSize, infoRoot, origin, size, root)
	}
	for _, w := range verifiers[1:] {
		var by *note.Signature
		for i := range n.Sigs {
			if n.Sigs[i].Name == w.Name() && n.Sigs[i].Hash == w.KeyHash() {
				by = &n.Sigs[i]
			}
		}
		if by == nil {
			return fmt.Errorf("witness quorum not met: data/ledger/checkpoint: it carries no valid cosignature by %s", w.Name())
		}
		fmt.Printf("cosignature/v1: witness %s co-signed the checkpoint%s\n", by.Name, cosignedAt(*by))
	}
	leaves := map[int64][]byte{}
	opened := false
	if err := eachLine(filepath.Join(ledgerDir, "entries.jsonl"), func(line []byte) error {
		var e struct {
			Index int64  `json:"index"`
			Leaf  []byte `json:"leaf"`
		}
		if err := json.Unmarshal(line, &e); err != nil {
			return err
		}
		var entry ledgerEntry
		if err := json.Unmarshal(e.Leaf, &entry); err != nil {
			return fmt.Errorf("entry #%d: %w", e.Index, err)
		}
		if entry.Incident == nil || *entry.Incident != incident {
			of := "none"
			if entry.Incident != nil {
				of = *entry.Incident
			}
			return fmt.Errorf("malformed: entry #%d: it belongs to incident %s, the bag to %s", e.Index, of, incident)
		}
		opened = opened || entry.Type == "incident.opened"
		leaves[e.Index] = e.Leaf
		return nil
	}); err != nil {
		return fmt.Errorf("entries.jsonl: %w", err)
	}
	if !opened {
		return fmt.Errorf("missing entry: data/ledger/entries.jsonl: no incident.opened entry of incident %s: the bag's Tandem-Incident is bound to no signed entry", incident)
	}
	if want := strings.TrimSpace(options.incident); want != "" && want != incident {
		return fmt.Errorf("wrong incident: bag-info.txt: the bag is of incident %s (every entry of it, its incident.opened among them, signed), not %s, the one you asked for with --incident: a bag of another incident", printable(incident), printable(want))
	}
	checked := 0
	if err := eachLine(filepath.Join(ledgerDir, "proofs.jsonl"), func(line []byte) error {
		var p proof
		if err := json.Unmarshal(line, &p); err != nil {
			return err
		}
		leaf, ok := leaves[p.Index]
		if !ok {
			return fmt.Errorf("a proof for index %d, which has no entry", p.Index)
		}
		if p.Size != size {
			return fmt.Errorf("proof for index %d is for size %d, the checkpoint's is %d", p.Index, p.Size, size)
		}
		rp, err := hashes(p.Hashes)
		if err != nil {
			return err
		}
		if err := tlog.CheckRecord(rp, size, root, p.Index, tlog.RecordHash(leaf)); err != nil {
			return fmt.Errorf("tlog.CheckRecord(index %d, size %d): %w", p.Index, size, err)
		}
		checked++
		return nil
	}); err != nil {
		return fmt.Errorf("proofs.jsonl: %w", err)
	}
	if checked != len(leaves) {
		return fmt.Errorf("%d entries but %d proofs", len(leaves), checked)
	}
	fmt.Printf("tlog.CheckRecord: %d bag entries verified against the checkpoint\n", checked)
	if err := checkDrawn(ledgerDir, verifier, origin, size, root); err != nil {
		return err
	}
	if format >= formatWithTimeline {
		if err := checkTimeline(bag, leaves, size); err != nil {
			return err
		}
	}
	if _, err := checkListed(leaves, sha, bag, size, root, options.allowUnlisted); err != nil {
		return err
	}
	if _, err := checkEvidence(bag, sha, leaves); err != nil {
		return err
	}
	if options.since != "" {
		if err := checkSince(bag, options.since, verifier, size, root); err != nil {
			return err
		}
	}
	switch {
	case pinned == "":
		fmt.Printf("key: data/ledger/key is %s: it checked the signature, but it is the bag's own: compare it, whole, with the verifier key the company gave you out of band, and pass that key with --key\n", printable(bagKey))
	case pinned == bagKey:
		fmt.Println("key: data/ledger/key is the key you pinned with --key, which the signature was checked with")
	default:
		fmt.Printf("key: data/ledger/key (%s) is NOT the key you pinned with --key; the signature was checked with --key, the bag's own key is trusted for nothing\n", printable(bagKey))
	}
	if err := saySigned(bag, leaves, declaration, info, pinned != ""); err != nil {
		return err
	}
	switch {
	case pinned != "":
		fmt.Println("VERIFIED: " + bag)
	case len(options.witnesses) > 0:
		fmt.Printf("VERIFIED by %d witness cosignature(s), no --key: %s\n", len(options.witnesses), bag)
	default:
		return errors.New("signer not pinned (no --key): data/ledger/checkpoint: every other check held, but anyone who changed this bag could have signed it again with a key of their own; pass the server's verifier key with --key, received from its operator (GET /api/v1/ledger/key), never the bag's own")
	}
	return nil
}

// boundInfo are the bag-info.txt fields a signature binds, checked above: the incident (every entry of the
// bag is of it) and the signed checkpoint's, field by field. Every other field is not signed (ADR 142).
var boundInfo = []string{"Tandem-Incident", "Tandem-Checkpoint-Origin", "Tandem-Checkpoint-Size", "Tandem-Checkpoint-Root"}

// bagitTagFiles are the tag files BagIt defines that tandem verify reads: the declaration, bag-info.txt
// (field by field) and the manifests. Any other tag file is not signed (ADR 142).
var bagitTagFiles = map[string]bool{
	"bagit.txt": true, "bag-info.txt": true,
	"manifest-sha256.txt": true, "manifest-sha512.txt": true,
	"tagmanifest-sha256.txt": true, "tagmanifest-sha512.txt": true,
}

// field is one "Label: value" of a tag file (RFC 8493 §2.2.2).
type field struct{ label, value string }

// readFields reads the "Label: value" lines of the tag file name in their order, a label given twice
// twice; a line starting with white space continues the previous one (RFC 8493 §2.2.2).
func readFields(bag, name string) ([]field, error) {
	raw, err := os.ReadFile(filepath.Join(bag, name))
	if err != nil {
		return nil, err
	}
	var out []field
	for n, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		if (line[0] == ' ' || line[0] == '\t') && len(out) > 0 {
			out[len(out)-1].value += " " + strings.TrimSpace(line)
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		if !ok || label == "" {
			return nil, fmt.Errorf("malformed: %s: line %d is not \"Label: value\"", name, n+1)
		}
		out = append(out, field{strings.TrimSpace(label), strings.TrimSpace(value)})
	}
	return out, nil
}

// infoValue is the last value fields give label, and whether they give it.
func infoValue(fields []field, label string) (string, bool) {
	value, ok := "", false
	for _, f := range fields {
		if f.label == label {
			value, ok = f.value, true
		}
	}
	return value, ok
}

// cosignedAt is the time a C2SP tlog-cosignature v1 carries (its first 8 bytes), signed with it.
func cosignedAt(sig note.Signature) string {
	raw, err := base64.StdEncoding.DecodeString(sig.Base64)
	if err != nil || len(raw) < 4+8 {
		return ""
	}
	t := binary.BigEndian.Uint64(raw[4:12])
	return fmt.Sprintf(" at %s (the witness's own clock, signed with its cosignature)", time.Unix(int64(t), 0).UTC().Format(time.RFC3339))
}

// saySigned prints the export time the signature covers and, one line each, what of the bag no signature
// covers, in tandem verify's order and words (ADR 142) where this checker does the same checks.
func saySigned(bag string, leaves map[int64][]byte, declaration, info []field, pinned bool) error {
	var last int64 = -1
	for i := range leaves {
		if i > last {
			last = i
		}
	}
	var e ledgerEntry
	if err := json.Unmarshal(leaves[last], &e); err != nil {
		return fmt.Errorf("entry #%d: %w", last, err)
	}
	var treeSize int64
	_, isObject := e.Body["entries"]
	isObject = isObject && bytes.HasPrefix(bytes.TrimSpace(e.Body["entries"]), []byte("{"))
	listed := e.Type == "incident.exported" && isObject &&
		json.Unmarshal(e.Body["treeSize"], &treeSize) == nil && treeSize >= 1 && last >= treeSize
	if listed {
		fmt.Printf("exported: %s by %s: the server's time in export entry #%d, signed with it; cite this as the bag's date, not bag-info.txt's Bagging-Date\n", e.At, printable(e.Actor), last)
	} else {
		fmt.Printf("exported: no export time is signed: the bag has no export entry of its own (an older build's bag); its last entry, #%d, was recorded at %s (signed), so it was exported after that\n", last, e.At)
	}
	var lines []string
	for _, f := range declaration {
		if f.label != "BagIt-Version" && f.label != "Tag-File-Character-Encoding" {
			lines = append(lines, "bagit.txt "+printable(f.label)+": "+printable(f.value))
		}
	}
	for _, f := range info {
		bound := false
		for _, b := range boundInfo {
			bound = bound || f.label == b
		}
		if bound {
			continue
		}
		line := "bag-info.txt " + printable(f.label) + ": " + printable(f.value)
		switch f.label {
		case "Bagging-Date":
			switch {
			case !listed:
				line += " (no export time is signed in this bag)"
			case len(e.At) >= 10 && f.value == e.At[:10]:
				line += " (cite the signed export time above instead)"
			default:
				line += " (not the date of the signed export time above, " + e.At + ")"
			}
		case "Payload-Oxum":
			line += " (checked against the payload, whose files the manifests cover)"
		case "Tandem-Bag-Format":
			line += " (checked against the files the bag holds)"
		}
		lines = append(lines, line)
	}
	var tagFiles []string
	if err := filepath.WalkDir(bag, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(bag, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, "data/") && !bagitTagFiles[rel] {
			tagFiles = append(tagFiles, rel)
		}
		return nil
	}); err != nil {
		return err
	}
	sort.Strings(tagFiles)
	for _, t := range tagFiles {
		lines = append(lines, "tag file "+printable(t))
	}
	if pinned {
		lines = append(lines, "data/ledger/key (trust only the key you pin with --key; see key above)")
	} else {
		lines = append(lines, "data/ledger/key (it checked the signature here, but it is the bag's own: compare it, whole, with the verifier key the company gave you out of band)")
	}
	for _, l := range lines {
		fmt.Println("not signed: " + l)
	}
	fmt.Println("no signature covers these: anyone holding the bag can change them, and no check here fails; rely on none of them")
	return nil
}

// printable is text from the bag as one line of printable characters, at most 80: it is the bag's, not
// this checker's (control and format characters as "?").
func printable(text string) string {
	var out []rune
	for _, r := range text {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			r = '?'
		}
		out = append(out, r)
	}
	if len(out) > 80 {
		return string(out[:79]) + "\u2026"
	}
	return string(out)
}

// formatWithTimeline is the first bag format that holds data/analysis/timeline.jsonl (ADR 115).
const formatWithTimeline = 3

// ledgerEntry is what is read of a leaf: its type, incident, server time, actor and body.
type ledgerEntry struct {
	Type     string                     `json:"type"`
	Incident *string                    `json:"incident"`
	At       string                     `json:"at"`
	Actor    string                     `json:"actor"`
	Body     map[string]json.RawMessage `json:"body"`
}

// checkTimeline checks data/analysis/timeline.jsonl against the bag's proved entries (docs/contracts.md
// §5, ADR 115): one line per public leak.timeline-entry entry below the size the bag is drawn from (its
// export entry's treeSize; the checkpoint's size for a bag without one), in index order, leaving out
// entries naming an item an evidence.pulled-back entry moved to FORENSIC; each line {"index":I} and the
// entry's body, compared as JSON values.
func checkTimeline(bag string, leaves map[int64][]byte, size int64) error {
	const path = "data/analysis/timeline.jsonl"
	indices := make([]int64, 0, len(leaves))
	entries := map[int64]ledgerEntry{}
	var last int64 = -1
	for i, leaf := range leaves {
		var e ledgerEntry
		if err := json.Unmarshal(leaf, &e); err != nil {
			return fmt.Errorf("entry #%d: %w", i, err)
		}
		entries[i] = e
		indices = append(indices, i)
		if i > last {
			last = i
		}
	}
	sort.Slice(indices, func(a, b int) bool { return indices[a] < indices[b] })
	drawn := size
	if e, ok := entries[last]; ok && e.Type == "incident.exported" {
		var treeSize int64
		if err := json.Unmarshal(e.Body["treeSize"], &treeSize); err == nil && e.Body["entries"] != nil {
			drawn = treeSize
		}
	}
	pulledBack := map[string]bool{}
	for _, i := range indices {
		if e := entries[i]; i < drawn && e.Type == "evidence.pulled-back" {
			var id string
			if json.Unmarshal(e.Body["evidence"], &id) == nil {
				pulledBack[id] = true
			}
		}
	}
	var expected []map[string]any
	for _, i := range indices {
		e := entries[i]
		if i >= drawn || e.Type != "leak.timeline-entry" || e.Body["commitment"] != nil {
			continue
		}
		var items []struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(e.Body["evidence"], &items)
		moved := false
		for _, it := range items {
			moved = moved || pulledBack[it.ID]
		}
		if moved {
			continue
		}
		line := map[string]any{"index": json.Number(strconv.FormatInt(i, 10))}
		for k, v := range e.Body {
			var value any
			if err := decode(v, &value); err != nil {
				return fmt.Errorf("entry #%d: %w", i, err)
			}
			line[k] = value
		}
		expected = append(expected, line)
	}
	var got []map[string]any
	if err := eachLine(filepath.Join(bag, path), func(line []byte) error {
		var l map[string]any
		if err := decode(line, &l); err != nil {
			return fmt.Errorf("line %d is not a JSON object: %w", len(got)+1, err)
		}
		got = append(got, l)
		return nil
	}); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for n := 0; n < len(got) || n < len(expected); n++ {
		switch {
		case n >= len(got):
			return fmt.Errorf("%s: it ends after line %d, but the bag's entries hold %d timeline entries every member may read", path, len(got), len(expected))
		case n >= len(expected):
			return fmt.Errorf("%s: line %d is one more than the %d timeline entries the bag's entries hold", path, n+1, len(expected))
		case !reflect.DeepEqual(got[n], expected[n]):
			return fmt.Errorf("%s: line %d is not what its ledger entry #%v records (leak.timeline-entry)", path, n+1, expected[n]["index"])
		}
	}
	fmt.Printf("%s: %d timeline entries, each the body of its leak.timeline-entry entry\n", path, len(expected))
	return nil
}

// decode reads JSON keeping numbers as written, so that 4 and 4 compare equal and 4 and 4.0 do not.
func decode(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}

// checkDrawn checks the checkpoint the bag is drawn from (data/ledger/drawn-checkpoint, the one its
// reports print, signed by the log alone) and its consistency proof to the bag's checkpoint
// (data/ledger/drawn-consistency.json) with tlog.CheckTree. Bags exported before bags held it have
// neither file.
func checkDrawn(ledgerDir string, verifier note.Verifier, origin string, size int64, root tlog.Hash) error {
	signed, err := os.ReadFile(filepath.Join(ledgerDir, "drawn-checkpoint"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	n, err := note.Open(signed, note.VerifierList(verifier))
	if err != nil {
		return fmt.Errorf("data/ledger/drawn-checkpoint signature: %w", err)
	}
	drawnOrigin, drawnSize, drawnRoot, err := parseCheckpoint(n.Text)
	if err != nil {
		return fmt.Errorf("data/ledger/drawn-checkpoint: %w", err)
	}
	if drawnOrigin != origin {
		return fmt.Errorf("data/ledger/drawn-checkpoint is of log %s, the bag's checkpoint of %s", drawnOrigin, origin)
	}
	raw, err := os.ReadFile(filepath.Join(ledgerDir, "drawn-consistency.json"))
	if err != nil {
		return err
	}
	p, tp, err := readConsistency(raw)
	if err != nil {
		return fmt.Errorf("drawn-consistency.json: %w", err)
	}
	if p.From != drawnSize || p.To != size {
		return fmt.Errorf("drawn-consistency.json proves %d -> %d, the checkpoints are %d and %d", p.From, p.To, drawnSize, size)
	}
	if err := tlog.CheckTree(tp, size, root, drawnSize, drawnRoot); err != nil {
		return fmt.Errorf("tlog.CheckTree(drawn %d -> bag %d): %w", drawnSize, size, err)
	}
	fmt.Printf("tlog.CheckTree: the drawn checkpoint of size %d is consistent with the bag checkpoint of size %d\n", drawnSize, size)
	return nil
}

// readConsistency reads a consistency proof file ({"from":M,"to":N,"hashes":[...]}) and its hashes.
func readConsistency(raw []byte) (proof, []tlog.Hash, error) {
	var p proof
	if err := json.Unmarshal(raw, &p); err != nil {
		return p, nil, err
	}
	tp, err := hashes(p.Hashes)
	return p, tp, err
}

func eachLine(path string, f func([]byte) error) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	s := bufio.NewScanner(file)
	s.Buffer(make([]byte, 1<<20), 1<<26)
	for s.Scan() {
		line := bytes.TrimSpace(s.Bytes())
		if len(line) == 0 {
			continue
		}
		if err := f(line); err != nil {
			return err
		}
	}
	return s.Err()
}

// cosignatureV1 verifies C2SP tlog-cosignature v1 (Ed25519) signatures: the signature is an 8-byte
// big-endian timestamp and an Ed25519 signature over "cosignature/v1\ntime <t>\n" and the note text.
type cosignatureV1 struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func newCosignatureV1Verifier(vkey string) (*cosignatureV1, error) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		return nil, errors.New("malformed key")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 33 || raw[0] != 0x04 {
		return nil, errors.New("not an Ed25519 cosignature/v1 key (type 0x04)")
	}
	h := sha256.New()
	h.Write([]byte(parts[0] + "\n"))
	h.Write(raw)
	sum := h.Sum(nil)
	hash := binary.BigEndian.Uint32(sum[:4])
	if fmt.Sprintf("%08x", hash) != parts[1] {
		return nil, fmt.Errorf("key id %s does not match the key (%08x)", parts[1], hash)
	}
	return &cosignatureV1{name: parts[0], hash: hash, key: ed25519.PublicKey(raw[1:])}, nil
}

func (c *cosignatureV1) Name() string    { return c.name }
func (c *cosignatureV1) KeyHash() uint32 { return c.hash }
func (c *cosignatureV1) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig[:8])
	m := append([]byte(fmt.Sprintf("cosignature/v1\ntime %d\n", t)), msg...)
	return ed25519.Verify(c.key, m, sig[8:])
}
