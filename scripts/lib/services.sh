# Builds the system. The AppHost (scripts/lib/apphost.sh) starts it: the environment contract is written there only.
# shellcheck source=infra.sh
. "$(dirname "${BASH_SOURCE[0]}")/infra.sh"

build_solution() {
  log "building ($CONFIGURATION)"
  dotnet build "$ROOT/Municipal.Ci.slnf" -c "$CONFIGURATION" -nologo -v q -clp:ErrorsOnly
  publish_programs
}

# The programs the AppHost runs (AppHost/SystemProjects.cs, LaunchedBuilt): the five services and the gateway once
# more, compiled ahead of time (ReadyToRun, the framework's own way; their libraries too) into
# .local/programs/<configuration>/<project>. A process then starts from machine code rather than compiling its start
# (EF Core, MassTransit, Npgsql, Identity) method by method: the system is healthy in 11 s here rather than 14–16.
# The tests that host a service in their own process use the build as before. 6 × 40 s on a fresh machine; skipped
# while no assembly in the six builds' output is newer than the last publish.
APP_PROJECTS=(services/Booking/Booking services/SessionSignaling/SessionSignaling
  services/IdentityVerification/IdentityVerification services/Form/Form services/DocumentIntake/DocumentIntake
  gateway/Gateway)
PROGRAMS_DIR="$LOCAL/programs/$CONFIGURATION"
publish_programs() {
  local stamp="$PROGRAMS_DIR/.published" project outputs=()
  for project in "${APP_PROJECTS[@]}"; do outputs+=("$ROOT/$(dirname "$project")/bin/$CONFIGURATION/net10.0"); done
  # The assemblies: a build after a publish writes the .json files anew (the two restores differ) and nothing else.
  if [ -f "$stamp" ] && [ -z "$(find "${outputs[@]}" -maxdepth 1 -type f -name '*.dll' -newer "$stamp" | head -1)" ]; then
    return 0
  fi
  rm -f "$stamp"
  # An optimisation, never a reason not to run: elsewhere, or if it fails, the AppHost runs the build's programs.
  if [ "$(uname -m)" != x86_64 ]; then
    log "not compiling ahead of time on $(uname -m) (linux-x64 only); the AppHost runs the build's programs"
    return 0
  fi
  log "compiling the services ahead of time (ReadyToRun) into $PROGRAMS_DIR"
  for project in "${APP_PROJECTS[@]}"; do
    # ReadyToRun and framework-dependent: Directory.Build.props says so for these projects.
    if ! dotnet publish "$ROOT/$project.csproj" -c "$CONFIGURATION" -r linux-x64 -o "$PROGRAMS_DIR/$(basename "$project")" \
      -nologo -v q -clp:ErrorsOnly; then
      log "compiling $project ahead of time failed; the AppHost runs the build's programs"
      return 0
    fi
  done
  touch "$stamp"
}

binary() { # project-dir assembly
  echo "$ROOT/$1/bin/$CONFIGURATION/net10.0/$2.dll"
}
