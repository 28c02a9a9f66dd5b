#!/usr/bin/env bash
# Runs the JMH benchmarks in src/jmh/java (compiled with the tests): bench/jmh.sh [regex] [jmh options]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Dspring-javaformat.skip=true test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main "$@"
