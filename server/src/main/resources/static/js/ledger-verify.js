// Verifies a ledger entry's inclusion proof in the browser, with the browser's own Web Crypto, so
// that nobody has to take the server's word for it (CONTRACTS.md §1):
//   leaf hash  = SHA-256(0x00 || leaf bytes)                 RFC 9162 §2.1.1
//   node hash  = SHA-256(0x01 || left || right)
//   the proof is checked as RFC 9162 §2.1.3.2 says, against the root of the signed checkpoint, whose
//   Ed25519 signature (C2SP signed-note) is checked with the verifier key where the browser can.
// The "tamper" box flips one bit of one proof hash here, in the page, to show what a failure
// looks like; the server is never asked to lie.
(function () {
  "use strict";

  var form = document.getElementById("verify-form");
  var steps = document.getElementById("verify-steps");
  var result = document.getElementById("verify-result");
  if (!form || !steps || !result) { return; }

  function b64(text) {
    var bin = atob(text.trim());
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }
  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function concat() {
    var n = 0, i;
    for (i = 0; i < arguments.length; i++) { n += arguments[i].length; }
    var out = new Uint8Array(n), at = 0;
    for (i = 0; i < arguments.length; i++) { out.set(arguments[i], at); at += arguments[i].length; }
    return out;
  }
  function equal(a, b) {
    if (a.length !== b.length) { return false; }
    var d = 0;
    for (var i = 0; i < a.length; i++) { d |= a[i] ^ b[i]; }
    return d === 0;
  }
  function sha256(bytes) {
    return crypto.subtle.digest("SHA-256", bytes).then(function (d) { return new Uint8Array(d); });
  }
  var utf8 = new TextEncoder();

  function step(text, value, state) {
    var li = document.createElement("li");
    li.textContent = text;
    if (value) {
      var v = document.createElement("span");
      v.className = "hash";
      v.textContent = value;
      li.appendChild(v);
    }
    if (state) { li.setAttribute("data-state", state); }
    steps.appendChild(li);
    return li;
  }
  function finish(ok, text) {
    result.textContent = text;
    result.className = ok ? "verified" : "failed";
    result.setAttribute("data-outcome", ok ? "verified" : "failed");
  }
  function fetchText(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/plain" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + " answered " + r.status); }
      return r.text();
    });
  }
  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(url + " answered " + r.status + ": " + (body.detail || body.title || "")); }
        return body;
      });
    });
  }

  // The C2SP checkpoint in its signed note: origin, size, base64 root, then signature lines.
  function parseCheckpoint(note) {
    var split = note.indexOf("\n\n");
    if (split < 0) { throw new Error("the checkpoint has no signature block"); }
    var text = note.slice(0, split + 1);
    var lines = text.split("\n");
    var sigs = note.slice(split + 2).split("\n").filter(function (l) { return l.length > 0; });
    return { text: text, origin: lines[0], size: Number(lines[1]), root: b64(lines[2]), signatures: sigs };
  }
  // <name>+<hex key id>+<base64(0x01 || Ed25519 public key)>: the name holds no "+", the key's
  // standard base64 may (C2SP signed-note), so split at the first two only
  function parseKey(vkey) {
    var v = vkey.trim();
    var first = v.indexOf("+");
    var second = first < 0 ? -1 : v.indexOf("+", first + 1);
    if (first <= 0 || second < 0 || !/^[0-9a-fA-F]{8}$/.test(v.slice(first + 1, second))) {
      throw new Error("the verifier key is not name+id+key");
    }
    var parts = [v.slice(0, first), v.slice(first + 1, second), v.slice(second + 1)];
    var raw = b64(parts[2]);
    if (raw.length !== 33 || raw[0] !== 1) { throw new Error("the verifier key is not an Ed25519 key (type 0x01, 32 bytes)"); }
    return { name: parts[0], id: parts[1], raw: raw, publicKey: raw.slice(1) };
  }

  // for the browser test of keys whose base64 holds "+" (and nothing else uses it)
  window.tandemParseVerifierKey = parseKey;

  function checkSignature(cp, key) {
    // key id = first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key)  (C2SP signed-note)
    return sha256(concat(utf8.encode(key.name + "\n"), key.raw)).then(function (h) {
      var id = hex(h.slice(0, 4));
      if (id !== key.id.toLowerCase()) {
        step("The key id does not match the key: computed " + id + ", the key says " + key.id, null, "failed");
        return false;
      }
      var line = cp.signatures.find(function (l) {
        var p = l.split(" ");
        return p[0] === "\u2014" && p[1] === key.name && hex(b64(p[2]).slice(0, 4)) === id;
      });
      if (!line) {
        step("No signature by " + key.name + " on the checkpoint", null, "failed");
        return false;
      }
      var sig = b64(line.split(" ")[2]).slice(4);
      return crypto.subtle.importKey("raw", key.publicKey, { name: "Ed25519" }, false, ["verify"])
        .then(function (k) {
          return crypto.subtle.verify({ name: "Ed25519" }, k, sig, utf8.encode(cp.text));
        })
        .then(function (valid) {
          step(valid ? "The checkpoint's Ed25519 signature by " + key.name + " verifies with the key (Web Crypto)."
                     : "The checkpoint's Ed25519 signature does NOT verify with the key.", null, valid ? "ok" : "failed");
          return valid;
        }, function () {
          step("This browser cannot check Ed25519 signatures in Web Crypto: the checkpoint's signature is checked by"
               + " tandem ledger verify. The proof below is still checked against its root.", null, "skipped");
          return true;
        });
    });
  }

  // RFC 9162 §2.1.3.2: from the leaf hash up, with fn = index and sn = size - 1.
  function verifyInclusion(index, size, leafHash, proof) {
    if (index >= size) { return Promise.resolve({ ok: false, why: "index " + index + " is not below the size " + size }); }
    var fn = index, sn = size - 1, r = leafHash, k = 0;
    function next() {
      if (k === proof.length) {
        return Promise.resolve({ ok: sn === 0, root: r, why: sn === 0 ? "" : "the proof is too short for this tree size" });
      }
      var p = proof[k];
      if (sn === 0) { return Promise.resolve({ ok: false, root: r, why: "the proof is too long for this tree size" }); }
      var right = fn % 2 === 1 || fn === sn;
      var input = right ? concat(new Uint8Array([1]), p, r) : concat(new Uint8Array([1]), r, p);
      return sha256(input).then(function (h) {
        step("Step " + (k + 1) + ": node = SHA-256(0x01 || " + (right ? "proof[" + k + "] || node" : "node || proof[" + k + "]") + ") =", hex(h));
        r = h;
        if (right && fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
        }
        fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); k++;
        return next();
      });
    }
    return next();
  }

  function run(index, tamper) {
    steps.textContent = "";
    result.className = "muted";
    result.removeAttribute("data-outcome");
    result.textContent = "Checking…";
    var cp, key;
    return Promise.all([fetchText("/api/v1/ledger/checkpoint"), fetchText("/api/v1/ledger/key")])
      .then(function (got) {
        cp = parseCheckpoint(got[0]);
        key = parseKey(got[1]);
        step("Checkpoint of " + cp.origin + ": tree size " + cp.size + ", root (hex) =", hex(cp.root));
        step("Verifier key " + key.name + ", key id " + key.id);
        if (!(index >= 0 && index < cp.size)) { throw new Error("index must be between 0 and " + (cp.size - 1)); }
        return checkSignature(cp, key);
      })
      .then(function (signed) {
        return Promise.all([
          signed,
          fetchJson("/ledger/entries?from=" + index + "&to=" + (index + 1)),
          fetchJson("/ledger/proof/inclusion?index=" + index + "&size=" + cp.size)
        ]);
      })
      .then(function (got) {
        var signed = got[0], entry = got[1][0], proof = got[2].hashes.map(b64);
        var leafHash;
        if (entry.leaf) {
          var leaf = b64(entry.leaf);
          var what = entry.entry ? entry.entry.type + " at " + entry.entry.at : "";
          step("Entry #" + index + (what ? " (" + what + ")" : "") + ": " + leaf.length + " leaf bytes (canonical JSON).");
          leafHash = sha256(concat(new Uint8Array([0]), leaf));
        } else {
          step("Entry #" + index + " belongs to an incident you are not a member of: its leaf hash is used as the server gives it.");
          leafHash = Promise.resolve(b64(entry.leafHash));
        }
        return leafHash.then(function (h) {
          step("Leaf hash = SHA-256(0x00 || leaf) =", hex(h));
          step("Inclusion proof: " + proof.length + " hashes, from the leaf upward.");
          if (tamper) {
            var target = proof.length > 0 ? proof[0] : h;
            target[0] ^= 0x01;
            step("Tampered in this page: one bit of " + (proof.length > 0 ? "proof[0]" : "the leaf hash") + " flipped.", null, "tampered");
          }
          return verifyInclusion(index, cp.size, h, proof).then(function (v) { v.signed = signed; return v; });
        });
      })
      .then(function (v) {
        if (v.root) { step("Computed root (hex) =", hex(v.root)); }
        if (v.ok && equal(v.root, cp.root)) {
          finish(v.signed, v.signed
            ? "Verified: entry #" + index + " is in the tree of size " + cp.size + " whose root the checkpoint signs."
            : "The proof leads to the root, but the checkpoint's signature does not verify: do not trust this checkpoint.");
        } else {
          finish(false, "Failed: the proof of entry #" + index + " does not lead to the signed root"
            + (v.why ? " (" + v.why + ")" : "") + ".");
        }
      })
      .catch(function (e) { finish(false, "Failed: " + e.message); });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var index = Number(document.getElementById("v-index").value);
    var tamper = document.getElementById("v-tamper").checked;
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?index=" + index + (tamper ? "&tamper=1" : ""));
    }
    run(index, tamper);
  });
  if (form.getAttribute("data-run") === "true") {
    run(Number(document.getElementById("v-index").value), document.getElementById("v-tamper").checked);
  }
})();
