#!/bin/sh
# systemd_unit.sh - deploy/systemd/handout-kiosk@.service passes
# `systemd-analyze verify` with nothing to say, and keeps its hardening.
#
# verify needs the program the unit names to exist: it runs on a copy of the
# unit, instantiated as handout-kiosk@tty9.service, whose ExecStart names the
# built $HANDOUT instead of /usr/bin/handout (and the man page it cites comes
# from the source tree through MANPATH).  The package's autopkgtest
# (debian/tests/deploy-files) verifies the installed unit itself, unchanged.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-.}/tests/lib.sh"

need systemd-analyze systemd "the kiosk unit"
unit=$top_srcdir/deploy/systemd/handout-kiosk@.service
handout=$(cd "$(dirname "$HANDOUT")" && pwd)/$(basename "$HANDOUT")

mkdir -p "$tmp/units" "$tmp/man/man1"
sed "s|^ExecStart=/usr/bin/handout |ExecStart=$handout |" "$unit" >"$tmp/units/handout-kiosk@tty9.service"
check_match "ExecStart names the built program" \
	"$(grep '^ExecStart=' "$tmp/units/handout-kiosk@tty9.service")" "^ExecStart=$handout --kiosk\$"
if command -v man >/dev/null 2>&1; then
	cp "$top_srcdir/man/handout.1" "$tmp/man/man1/"
	out=$(cd "$tmp/units" && MANPATH=$tmp/man systemd-analyze verify ./handout-kiosk@tty9.service 2>&1)
else
	echo "note: man not installed (apt-get install man-db): Documentation= not checked"
	out=$(cd "$tmp/units" && systemd-analyze verify --man=no ./handout-kiosk@tty9.service 2>&1)
fi
st=$?
check_eq "systemd-analyze verify: exit status" "$st" 0
check_empty "systemd-analyze verify: no warning" "$out"

# The settings the kiosk relies on, as systemd parsed them.
for want in 'TTYPath=/dev/%I' 'StandardInput=tty' 'StandardOutput=tty' 'TTYReset=yes' \
	'TTYVHangup=yes' 'TTYVTDisallocate=yes' 'Restart=always' 'DynamicUser=yes' \
	'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
	'PrivateNetwork=yes' 'CapabilityBoundingSet=' 'RestrictAddressFamilies=AF_UNIX' \
	'SystemCallFilter=@system-service' 'MemoryMax=64M' 'LockPersonality=yes' \
	'Environment=TERM=linux LANG=C.UTF-8' 'ExecStart=/usr/bin/handout --kiosk'; do
	checks=$((checks + 1))
	if grep -qxF -- "$want" "$unit"; then pass "$want"; else fail "the unit lacks '$want'"; fi
done

# systemd's own exposure score, for the record (offline: needs systemd 250).
if sec=$(cd "$tmp/units" && systemd-analyze security --offline=yes ./handout-kiosk@tty9.service 2>/dev/null); then
	score=$(printf '%s\n' "$sec" | sed -n 's/.*Overall exposure level for [^:]*: //p')
	echo "systemd-analyze security: $score"
	check_match "exposure level is SAFE or OK" "$score" '^[0-9.]+ (SAFE|OK)'
fi
finish
