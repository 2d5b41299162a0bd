# An HTTP proxy that answers each request DELAY ms late, forwarding it to a witness: a witness far away.
# usage: witness-delay-proxy.py PORT TARGET_URL DELAY_MS (tools/bench/export-witness-rounds.sh)
import sys, time, urllib.request, urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, target, delay = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) / 1000.0
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        time.sleep(delay)
        req = urllib.request.Request(target + self.path, data=body, method='POST',
                                     headers={k: v for k, v in self.headers.items() if k.lower() not in ('host', 'content-length', 'connection')})
        try:
            r = urllib.request.urlopen(req, timeout=10); status, hdrs, out = r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            status, hdrs, out = e.code, e.headers, e.read()
        self.send_response(status)
        for k, v in hdrs.items():
            if k.lower() not in ('transfer-encoding', 'connection', 'content-length', 'date', 'server'):
                self.send_header(k, v)
        self.send_header('Content-Length', str(len(out)))
        self.end_headers(); self.wfile.write(out)
    def log_message(self, *a): pass
ThreadingHTTPServer(('127.0.0.1', port), H).serve_forever()
