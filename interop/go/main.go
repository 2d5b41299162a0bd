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
// It exits 0 when everything verifies and 1, naming the first failure, otherwise.
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

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
