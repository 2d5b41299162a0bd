package main

// The checks of an export bag that tandem verify makes beside the signature and proofs (docs/export.md,
// "Verify, offline"; docs/contracts.md §5), made here again from the contract alone, so that a bag changed
// in any of those ways fails both verifiers: the manifests (RFC 8493 §3, §2.2.1) and Payload-Oxum
// (§2.2.2), the files the contract defines, the bag's export entry (the entries it lists, the SHA-256 of
// the reports, the OSCAL document and the drawn checkpoint), every evidence file against its
// evidence.added entry, and, with --since, the consistency proof from a checkpoint kept earlier.

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// bagOptions are the command line's options for --bag, with tandem verify's names and meaning.
type bagOptions struct {
	key           string   // --key: the log's verifier key, pinned out of band; empty: the bag's own
	since         string   // --since: a file holding a signed checkpoint kept from earlier
	witnesses     []string // --witness-key (or the old positional argument): each must have cosigned
	allowUnlisted bool     // --allow-unlisted: accept a bag without its own export entry, with a warning
	incident      string   // --incident: the incident the bag must be of
}

// parseBagArgs reads "BAG [--key VKEY] [--since FILE] [--witness-key VKEY]... [--allow-unlisted]
// [WITNESS_VKEY]", the options in any order.
func parseBagArgs(args []string) (string, bagOptions, error) {
	var o bagOptions
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		value := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", a)
			}
			i++
			return args[i], nil
		}
		var err error
		switch a {
		case "--key":
			o.key, err = value()
		case "--since":
			o.since, err = value()
		case "--incident":
			o.incident, err = value()
		case "--witness-key":
			var w string
			w, err = value()
			o.witnesses = append(o.witnesses, w)
		case "--allow-unlisted":
			o.allowUnlisted = true
		default:
			if strings.HasPrefix(a, "--") {
				return "", o, fmt.Errorf("unknown option %s", a)
			}
			positional = append(positional, a)
		}
		if err != nil {
			return "", o, err
		}
	}
	if len(positional) < 1 || len(positional) > 2 {
		return "", o, errors.New("give one bag (and, as before, at most one witness key after it)")
	}
	if len(positional) == 2 {
		o.witnesses = append(o.witnesses, positional[1])
	}
	if o.key != "" {
		if _, err := note.NewVerifier(strings.TrimSpace(o.key)); err != nil {
			return "", o, fmt.Errorf("--key: %w", err)
		}
	}
	return positional[0], o, nil
}

// manifestAlgorithms are the payload manifests the contract requires, with their hash functions.
var manifestAlgorithms = []struct {
	name string
	hash func() hash.Hash
}{{"sha256", sha256.New}, {"sha512", sha512.New}}

// manifestLine is one line of a manifest: the checksum, and the line's number for the message.
type manifestLine struct {
	sum  string
	line int
}

// readManifest reads "<checksum> <path>" lines (RFC 8493 §2.1.3), one path once.
func readManifest(bag, name string, hexLength int) (map[string]manifestLine, error) {
	raw, err := os.ReadFile(filepath.Join(bag, name))
	if err != nil {
		return nil, err
	}
	out := map[string]manifestLine{}
	for n, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		sum, path, ok := strings.Cut(line, " ")
		path = strings.TrimLeft(path, " \t")
		if !ok || len(sum) != hexLength || path == "" {
			return nil, fmt.Errorf("malformed: %s: line %d is not \"<checksum> <path>\"", name, n+1)
		}
		if _, seen := out[path]; seen {
			return nil, fmt.Errorf("malformed: %s: line %d lists %s a second time", name, n+1, path)
		}
		out[path] = manifestLine{strings.ToLower(sum), n + 1}
	}
	return out, nil
}

// bagFiles lists the bag's regular files by their path in the bag, with their sizes.
func bagFiles(bag string) (map[string]int64, error) {
	files := map[string]int64{}
	err := filepath.WalkDir(bag, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		st, err := os.Stat(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(bag, path)
		if err != nil {
			return err
		}
		if !st.Mode().IsRegular() {
			return fmt.Errorf("malformed: %s: not a regular file", filepath.ToSlash(rel))
		}
		files[filepath.ToSlash(rel)] = st.Size()
		return nil
	})
	return files, err
}

// contractFile says whether a payload file is one docs/contracts.md §5 defines.
var contractFile = regexp.MustCompile(`^data/(evidence/([0-9a-f]{64}|index\.json)|ledger/(checkpoint|key|entries\.jsonl|proofs\.jsonl|consistency\.json|drawn-checkpoint|drawn-consistency\.json)|reports/audit-continuity\.(html|pdf)|oscal/assessment-results\.json|analysis/timeline\.jsonl)$`)

// checkManifests checks every tag and payload manifest line with both algorithms, that every payload file
// is in every payload manifest and every other file in every tag manifest, that each is one the contract
// defines, that the files every bag holds are there, and Payload-Oxum. Answers the SHA-256 of each file.
func checkManifests(bag string, format int, info []field) (map[string]string, error) {
	files, err := bagFiles(bag)
	if err != nil {
		return nil, err
	}
	for _, m := range []string{"manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt"} {
		if _, ok := files[m]; !ok {
			return nil, fmt.Errorf("missing file: %s: the contract requires it (docs/contracts.md §5)", m)
		}
	}
	sums := map[string]map[string]string{}
	digest := func(path, algorithm string) (string, error) {
		if sums[algorithm] == nil {
			sums[algorithm] = map[string]string{}
		}
		if s, ok := sums[algorithm][path]; ok {
			return s, nil
		}
		raw, err := os.ReadFile(filepath.Join(bag, filepath.FromSlash(path)))
		if err != nil {
			return "", err
		}
		for _, a := range manifestAlgorithms {
			if a.name == algorithm {
				h := a.hash()
				h.Write(raw)
				sums[algorithm][path] = hex.EncodeToString(h.Sum(nil))
			}
		}
		return sums[algorithm][path], nil
	}
	check := func(prefix string, payload bool) error {
		for _, a := range manifestAlgorithms {
			name := prefix + a.name + ".txt"
			if _, ok := files[name]; !ok {
				continue // tagmanifest-sha512.txt is Tandem's addition; the three above are required
			}
			lines, err := readManifest(bag, name, 2*a.hash().Size())
			if err != nil {
				return err
			}
			paths := make([]string, 0, len(lines))
			for p := range lines {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			for _, p := range paths {
				l := lines[p]
				if _, ok := files[p]; !ok {
					return fmt.Errorf("missing file: %s: listed in %s line %d but not in the bag", p, name, l.line)
				}
				actual, err := digest(p, a.name)
				if err != nil {
					return err
				}
				if actual != l.sum {
					return fmt.Errorf("changed byte: %s: its %s is %s, %s line %d says %s", p, strings.ToUpper(a.name), actual, name, l.line, l.sum)
				}
			}
			for f := range files {
				inData := strings.HasPrefix(f, "data/")
				if inData == payload && !strings.HasPrefix(f, "tagmanifest-") {
					if _, ok := lines[f]; !ok {
						return fmt.Errorf("extra file: %s: not listed in %s (RFC 8493 §3: every file is listed in every manifest of its kind)", f, name)
					}
				}
			}
		}
		return nil
	}
	if err := check("tagmanifest-", false); err != nil {
		return nil, err
	}
	if err := check("manifest-", true); err != nil {
		return nil, err
	}
	var payloadBytes, payloadFiles int64
	for f, size := range files {
		if !strings.HasPrefix(f, "data/") {
			continue
		}
		if !contractFile.MatchString(f) || (f == "data/"+timelinePath && format < formatWithTimeline) {
			return nil, fmt.Errorf("extra file: %s: the contract defines no such payload file (docs/contracts.md §5)", f)
		}
		payloadBytes += size
		payloadFiles++
	}
	required := []string{"data/evidence/index.json", "data/ledger/checkpoint", "data/ledger/key", "data/ledger/entries.jsonl",
		"data/ledger/proofs.jsonl", "data/reports/audit-continuity.html", "data/reports/audit-continuity.pdf",
		"data/oscal/assessment-results.json"}
	if format >= formatWithTimeline {
		required = append(required, "data/"+timelinePath)
	}
	for _, r := range required {
		if _, ok := files[r]; !ok {
			return nil, fmt.Errorf("missing file: %s: every bag holds it (docs/contracts.md §5)", r)
		}
	}
	if oxum, ok := infoValue(info, "Payload-Oxum"); ok {
		want := fmt.Sprintf("%d.%d", payloadBytes, payloadFiles)
		if oxum != want {
			return nil, fmt.Errorf("payload count: bag-info.txt: Payload-Oxum %s; the payload is %d files, %d bytes: a payload file was added or removed, or its size changed, and the manifests rewritten", oxum, payloadFiles, payloadBytes)
		}
	}
	sha := map[string]string{}
	for f := range files {
		s, err := digest(f, "sha256")
		if err != nil {
			return nil, err
		}
		sha[f] = s
	}
	fmt.Printf("manifests: %d files, %d payload bytes: every manifest line holds (SHA-256, SHA-512)\n", len(files), payloadBytes)
	return sha, nil
}

// timelinePath is the analysis timeline's path under data/ (format 3, ADR 115).
const timelinePath = "analysis/timeline.jsonl"

// exportEntry is what the bag's own incident.exported entry records (docs/contracts.md, notes on §5).
type exportEntry struct {
	TreeSize int64    `json:"treeSize"`
	Evidence []string `json:"evidence"`
	Entries  *struct {
		Count  int64  `json:"count"`
		SHA256 string `json:"sha256"`
	} `json:"entries"`
	Files map[string]string `json:"files"`
}

// checkListed checks that the bag's last entry is its own export entry and that the bag holds what it
// records: exactly the incident's entries it lists below its tree size, and the files it records by
// SHA-256 (the OSCAL document with the bag's checkpoint "pending"). Answers whether the bag is listed.
func checkListed(leaves map[int64][]byte, sha map[string]string, bag string, size int64, root tlog.Hash, allowUnlisted bool) (bool, error) {
	indices := make([]int64, 0, len(leaves))
	for i := range leaves {
		indices = append(indices, i)
	}
	sort.Slice(indices, func(a, b int) bool { return indices[a] < indices[b] })
	last := indices[len(indices)-1]
	var e ledgerEntry
	if err := json.Unmarshal(leaves[last], &e); err != nil {
		return false, fmt.Errorf("entry #%d: %w", last, err)
	}
	var x exportEntry
	if e.Type == "incident.exported" {
		raw, _ := json.Marshal(e.Body)
		if err := json.Unmarshal(raw, &x); err != nil {
			return false, fmt.Errorf("malformed: entry #%d: %w", last, err)
		}
	}
	if e.Type != "incident.exported" || x.Entries == nil {
		for _, i := range indices {
			var earlier ledgerEntry
			if json.Unmarshal(leaves[i], &earlier) == nil && earlier.Type == "incident.exported" && earlier.Body["entries"] != nil {
				return false, fmt.Errorf("missing entry: data/ledger/entries.jsonl: the bag's last entry (#%d) is not its own incident.exported entry, yet entry #%d is an export entry that lists its bag: the server already listed bags, so this bag's own was taken out", last, i)
			}
		}
		if !allowUnlisted {
			return false, errors.New("completeness not proven: data/ledger/entries.jsonl: the bag does not end with its own incident.exported entry listing its entries and binding its reports, so an entry left out with its proof, or an edited report, would not be found; a bag whose export entry was taken out looks the same. Only for a bag exported by a build before export entries listed their bags, pass --allow-unlisted")
		}
		fmt.Println("warning: completeness is not proven: the bag does not end with its own export entry (--allow-unlisted)")
		return false, nil
	}
	var below bytes.Buffer
	var count int64
	for _, i := range indices[:len(indices)-1] {
		if i >= x.TreeSize {
			return false, fmt.Errorf("malformed: entry #%d: it is at or above tree size %d, which the bag's export entry #%d draws the bag from", i, x.TreeSize, last)
		}
		below.WriteString(strconv.FormatInt(i, 10) + "\n")
		count++
	}
	if last < x.TreeSize {
		return false, fmt.Errorf("malformed: entry #%d: the bag's export entry is below the tree size %d it records", last, x.TreeSize)
	}
	listed := sha256.Sum256(below.Bytes())
	if count != x.Entries.Count || hex.EncodeToString(listed[:]) != x.Entries.SHA256 {
		return false, fmt.Errorf("missing entry: data/ledger/entries.jsonl: the bag holds %d of the incident's entries below tree size %d, but export entry #%d records %d (SHA-256 %s of their indices): an entry was left out, with its proof, or added", count, x.TreeSize, last, x.Entries.Count, x.Entries.SHA256)
	}
	names := make([]string, 0, len(x.Files))
	for f := range x.Files {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		actual, ok := sha[f]
		if !ok {
			return false, fmt.Errorf("missing file: %s: export entry #%d records its SHA-256", f, last)
		}
		what := "the file"
		switch {
		case strings.HasPrefix(f, "data/reports/"):
			what = "the report"
		case f == "data/ledger/drawn-checkpoint":
			what = "the drawn checkpoint"
		}
		if f == "data/oscal/assessment-results.json" {
			raw, err := os.ReadFile(filepath.Join(bag, filepath.FromSlash(f)))
			if err != nil {
				return false, err
			}
			if p, named := oscalPending(raw, size, root); named {
				sum := sha256.Sum256(p)
				actual, what = hex.EncodeToString(sum[:]), "the OSCAL document (with the bag's checkpoint pending)"
			}
		}
		if actual != x.Files[f] {
			return false, fmt.Errorf("changed byte: %s: not %s the export entry #%d records: it hashes to %s, the entry records SHA-256 %s", f, what, last, actual, x.Files[f])
		}
	}
	for _, f := range []string{"data/ledger/drawn-checkpoint", "data/ledger/drawn-consistency.json"} {
		if _, held := sha[f]; held && x.Files["data/ledger/drawn-checkpoint"] == "" {
			return false, fmt.Errorf("extra file: %s: export entry #%d records no drawn checkpoint", f, last)
		}
	}
	if x.Files["data/ledger/drawn-checkpoint"] != "" {
		if _, held := sha["data/ledger/drawn-consistency.json"]; !held {
			return false, fmt.Errorf("missing file: data/ledger/drawn-consistency.json: export entry #%d records a drawn checkpoint", last)
		}
	}
	fmt.Printf("complete: the bag's last entry, #%d, is its own export entry: it lists the incident's %d entries below tree size %d, and the bag holds exactly those; %d files by their SHA-256\n", last, count, x.TreeSize, len(names))
	return true, nil
}

// oscalPending is the OSCAL document as its export entry recorded it: the bag-tree-size and bag-root-hash
// properties "pending" where the document names this bag's checkpoint (docs/contracts.md, notes on §5).
// named is false for a document that names no bag checkpoint (a bag before documents named it).
func oscalPending(raw []byte, size int64, root tlog.Hash) ([]byte, bool) {
	const ns = `","ns":"https://tandem.dev/ns/oscal","value":"`
	sizeProp := []byte(`{"name":"bag-tree-size` + ns + strconv.FormatInt(size, 10) + `"`)
	rootProp := []byte(`{"name":"bag-root-hash` + ns + base64.StdEncoding.EncodeToString(root[:]) + `"`)
	if !bytes.Contains(raw, []byte(`"name":"bag-tree-size"`)) {
		return raw, false
	}
	out := bytes.Replace(raw, sizeProp, []byte(`{"name":"bag-tree-size`+ns+`pending"`), 1)
	out = bytes.Replace(out, rootProp, []byte(`{"name":"bag-root-hash`+ns+`pending"`), 1)
	return out, true
}

// indexRow is one row of data/evidence/index.json.
type indexRow struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	SHA256      string `json:"sha256"`
	Size        int64  `json:"size"`
	LedgerIndex int64  `json:"ledgerIndex"`
}

// checkEvidence checks every row of data/evidence/index.json and its file against the evidence.added
// entry it names, that no evidence file is unlisted, and that every AUDIT item the bag's entries record
// or cite in the clear is in it unless an evidence.pulled-back entry moved it to FORENSIC.
func checkEvidence(bag string, sha map[string]string, leaves map[int64][]byte) (int, error) {
	const index = "data/evidence/index.json"
	raw, err := os.ReadFile(filepath.Join(bag, filepath.FromSlash(index)))
	if err != nil {
		return 0, err
	}
	var rows []indexRow
	if err := json.Unmarshal(raw, &rows); err != nil {
		return 0, fmt.Errorf("malformed: %s: %w", index, err)
	}
	type added struct {
		Evidence   string `json:"evidence"`
		Name       string `json:"name"`
		Kind       string `json:"kind"`
		SHA256     string `json:"sha256"`
		Size       int64  `json:"size"`
		Repository string `json:"repository"`
	}
	entry := func(i int64) (ledgerEntry, added) {
		var e ledgerEntry
		var a added
		if json.Unmarshal(leaves[i], &e) == nil {
			b, _ := json.Marshal(e.Body)
			_ = json.Unmarshal(b, &a)
		}
		return e, a
	}
	listedFiles := map[string]bool{}
	listedIDs := map[string]bool{}
	for _, r := range rows {
		file := "data/evidence/" + r.SHA256
		listedFiles[file] = true
		if _, ok := sha[file]; !ok {
			return 0, fmt.Errorf("missing file: %s: evidence %s is listed in %s", file, r.ID, index)
		}
		if _, ok := leaves[r.LedgerIndex]; !ok {
			return 0, fmt.Errorf("evidence does not match its ledger entry: %s: evidence %s names ledger entry #%d, which is not in entries.jsonl", file, r.ID, r.LedgerIndex)
		}
		e, a := entry(r.LedgerIndex)
		if e.Type != "evidence.added" || a.Evidence != r.ID {
			return 0, fmt.Errorf("evidence does not match its ledger entry: %s: ledger entry #%d does not record the addition of evidence %s", file, r.LedgerIndex, r.ID)
		}
		if sha[file] != a.SHA256 {
			return 0, fmt.Errorf("evidence does not match its ledger entry: %s: its bytes hash to %s, ledger entry #%d records %s", file, sha[file], r.LedgerIndex, a.SHA256)
		}
		if r.Name != a.Name || r.Kind != a.Kind || r.Size != a.Size {
			return 0, fmt.Errorf("evidence does not match its ledger entry: %s: evidence %s is listed as %q, %s, %d bytes; ledger entry #%d records %q, %s, %d bytes", index, r.ID, r.Name, r.Kind, r.Size, r.LedgerIndex, a.Name, a.Kind, a.Size)
		}
		if st, err := os.Stat(filepath.Join(bag, filepath.FromSlash(file))); err != nil || st.Size() != a.Size {
			return 0, fmt.Errorf("evidence does not match its ledger entry: %s: its size is not the %d bytes ledger entry #%d records", file, a.Size, r.LedgerIndex)
		}
		listedIDs[r.ID] = true
	}
	for f := range sha {
		if strings.HasPrefix(f, "data/evidence/") && f != index && !listedFiles[f] {
			return 0, fmt.Errorf("extra file: %s: evidence not listed in %s", f, index)
		}
	}
	indices := make([]int64, 0, len(leaves))
	pulledBack := map[string]bool{}
	for i := range leaves {
		indices = append(indices, i)
		if e, a := entry(i); e.Type == "evidence.pulled-back" && a.Evidence != "" {
			pulledBack[a.Evidence] = true
		}
	}
	sort.Slice(indices, func(a, b int) bool { return indices[a] < indices[b] })
	for _, i := range indices {
		e, a := entry(i)
		if e.Body["commitment"] != nil {
			continue // privileged: the bag holds its commitment, not its body
		}
		if e.Type == "evidence.added" && a.Repository == "AUDIT" && !listedIDs[a.Evidence] && !pulledBack[a.Evidence] {
			return 0, fmt.Errorf("missing file: data/evidence/%s: AUDIT evidence %s (%s), whose addition entry #%d records, is not in %s", a.SHA256, a.Evidence, a.Name, i, index)
		}
		var cited []string
		if strings.HasPrefix(e.Type, "evidence-request.") || e.Type == "incident.exported" {
			_ = json.Unmarshal(e.Body["evidence"], &cited)
		} else if e.Type == "evidence.read" || e.Type == "notice.sent" {
			var id string
			if json.Unmarshal(e.Body["evidence"], &id) == nil {
				cited = []string{id}
			}
		}
		for _, id := range cited {
			if !listedIDs[id] && !pulledBack[id] {
				return 0, fmt.Errorf("missing file: %s: AUDIT evidence %s, which entry #%d (%s) cites, is not in it: the item was taken out of the bag, its evidence.added entry too", index, id, i, e.Type)
			}
		}
	}
	fmt.Printf("evidence: %d items, each matching its ledger entry\n", len(rows))
	return len(rows), nil
}

// checkSince checks that the bag's checkpoint extends the one the auditor kept (--since): signed with the
// same key, not newer than the bag's, and data/ledger/consistency.json proving it (tlog.CheckTree), or, at
// the same size, the same root.
func checkSince(bag, since string, verifier note.Verifier, size int64, root tlog.Hash) error {
	signed, err := os.ReadFile(since)
	if err != nil {
		return fmt.Errorf("--since: %w", err)
	}
	n, err := note.Open(signed, note.VerifierList(verifier))
	if err != nil {
		return fmt.Errorf("bad signature: --since %s: %w", since, err)
	}
	_, oldSize, oldRoot, err := parseCheckpoint(n.Text)
	if err != nil {
		return fmt.Errorf("malformed: --since %s: %w", since, err)
	}
	switch {
	case oldSize > size:
		return fmt.Errorf("bag older than your checkpoint: data/ledger/checkpoint: the bag's log has %d entries, the checkpoint you verified before (--since) has %d: the log was rolled back, or this is an old bag", size, oldSize)
	case oldSize == size:
		if oldRoot != root {
			return fmt.Errorf("consistency proof mismatch: data/ledger/checkpoint: your checkpoint of size %d has root %s, the bag's %s: the log shows two histories", size, oldRoot, root)
		}
	case oldSize > 0:
		raw, err := os.ReadFile(filepath.Join(bag, "data", "ledger", "consistency.json"))
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("missing file: data/ledger/consistency.json: --since needs the consistency proof from size %d; export the bag with ?since=%d", oldSize, oldSize)
		} else if err != nil {
			return err
		}
		p, tp, err := readConsistency(raw)
		if err != nil {
			return fmt.Errorf("malformed: data/ledger/consistency.json: %w", err)
		}
		if p.From != oldSize || p.To != size {
			return fmt.Errorf("consistency proof mismatch: data/ledger/consistency.json: it proves %d -> %d, your checkpoint and the bag's are %d and %d; export the bag with ?since=%d", p.From, p.To, oldSize, size, oldSize)
		}
		if err := tlog.CheckTree(tp, size, root, oldSize, oldRoot); err != nil {
			return fmt.Errorf("consistency proof mismatch: data/ledger/consistency.json: tlog.CheckTree(%d -> %d): %w", oldSize, size, err)
		}
	}
	fmt.Printf("consistency: the log at size %d extends your checkpoint of size %d\n", size, oldSize)
	return nil
}
