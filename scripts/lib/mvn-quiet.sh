# mvn_quiet ARGS...: runs Maven in batch mode with its whole log in a temporary file, so that a set-up step prints
# nothing when it works (Maven 3.8's `-q` still writes stray ANSI colour resets); on failure the last 60 lines of
# the log are shown and Maven's exit code is returned.
mvn_quiet() {
  local log rc
  log="$(mktemp "${TMPDIR:-/tmp}/dlnkit-mvn.XXXXXX")"
  if mvn -B -ntp "$@" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  else
    rc=$?
    echo "mvn $* failed (exit $rc); last lines of its log ($log):" >&2
    tail -n 60 "$log" >&2
    return "$rc"
  fi
}
