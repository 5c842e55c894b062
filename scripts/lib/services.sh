# Builds the system. The AppHost (scripts/lib/apphost.sh) starts it: the environment contract is written there only.
# shellcheck source=infra.sh
. "$(dirname "${BASH_SOURCE[0]}")/infra.sh"

build_solution() {
  log "building ($CONFIGURATION)"
  dotnet build "$ROOT/Municipal.Ci.slnf" -c "$CONFIGURATION" -nologo -v q -clp:ErrorsOnly
}

binary() { # project-dir assembly
  echo "$ROOT/$1/bin/$CONFIGURATION/net10.0/$2.dll"
}
