#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
set -euo pipefail

major_of() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]] && (( $(major_of "$JAVA_HOME") >= 21 )); then
  echo "$JAVA_HOME"; exit 0
fi
best=""; best_major=0
for home in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
  [[ -x "$home/bin/javac" ]] || continue
  m=$(major_of "$home"); [[ "$m" =~ ^[0-9]+$ ]] || continue
  if (( m >= 21 && m > best_major )); then best="$home"; best_major=$m; fi
done
if [[ -z "$best" ]]; then
  echo "No JDK 21+ found (looked at JAVA_HOME and /usr/lib/jvm). Install one, e.g. apt-get install openjdk-21-jdk-headless." >&2
  exit 1
fi
echo "$best"
