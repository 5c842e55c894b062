#!/usr/bin/env bash
# clamd on loopback in the foreground. Signatures cannot be downloaded here: the EICAR test signature lets clamd start
# and detect the test file; signatures freshclam has fetched to /var/lib/clamav are used as well.
# Usage: clamd.sh DIR PORT
set -euo pipefail
dir=$1 port=$2
mkdir -p "$dir/db"
echo "44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature" > "$dir/db/eicar.hdb"
for f in /var/lib/clamav/*.cvd /var/lib/clamav/*.cld; do [ -f "$f" ] && cp -u "$f" "$dir/db/"; done
cat > "$dir/clamd.conf" <<CONF
DatabaseDirectory $dir/db
TCPSocket $port
TCPAddr 127.0.0.1
Foreground yes
LogFile $dir/clamd.log
LogTime yes
User root
StreamMaxLength 200M
MaxFileSize 200M
MaxScanSize 200M
AlertExceedsMax yes
CONF
exec clamd --config-file="$dir/clamd.conf"
