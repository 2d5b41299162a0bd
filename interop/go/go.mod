module tandem.dev/interop

go 1.19

require golang.org/x/mod v0.0.0

// Debian's golang-golang-x-mod-dev package: builds offline, with GOPROXY=off.
replace golang.org/x/mod => /usr/share/gocode/src/golang.org/x/mod
