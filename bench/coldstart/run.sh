#!/usr/bin/env bash
# Cold-start benchmark: the Java evaluator (config-rule/target/evaluator-lambda.jar) against a minimal Python 3 +
# boto3 rule, each a fresh process per run, putting to a loopback HTTPS stand-in of AWS Config.
#
#   bench/coldstart/run.sh [--no-build] [--jar PATH] [bench.py options, e.g. --pairs 15 --cpus 0]
#   bench/coldstart/run.sh --levers [...]   the lever table: variants of the Java side, side by side
#   bench/coldstart/run.sh --help           this text, and bench.py's options
#
# Needs JDK 17+, Maven, openssl, and a python3 with boto3: $PYTHON if set, else the first python3 on
# PATH that can import boto3 (e.g. Debian's python3-boto3: apt-get install -y python3-boto3).
# Results are printed as a table and kept in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/coldstart
out=bench/results

for arg in "$@"; do
  if [ "$arg" = --help ] || [ "$arg" = -h ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    echo
    echo "bench.py options (passed through; run.sh sets --jar, --driver-classes, --event, --endpoint, --calls,"
    echo "--truststore, --ca-bundle, --python and --out itself):"
    "$(command -v python3 || echo /usr/bin/python3)" "$here/bench.py" --help | sed -n '/^options:/,$p'
    exit 0
  fi
done

python=""
for candidate in ${PYTHON:-} $(type -ap python3 2>/dev/null) /usr/bin/python3; do
  if [ -x "$candidate" ] && "$candidate" -c 'import boto3' 2>/dev/null; then
    python=$candidate
    break
  fi
done

build=1
levers=0
jar=config-rule/target/evaluator-lambda.jar
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --levers) levers=1 ;;
    --jar) jar="$2"; shift ;;
    *) passthrough+=("$1") ;;
  esac
  shift
done

if [ -z "$python" ]; then
  echo "run.sh: no python3 with boto3 found (tried \$PYTHON, every python3 on PATH, /usr/bin/python3);" \
    "set PYTHON=/path/to/python3, or install Debian's: apt-get update && apt-get install -y python3-boto3" >&2
  exit 1
fi
if [ "$build" = 1 ]; then
  mvn -B -q package -DskipTests
fi

# TLS material: a self-signed certificate for 127.0.0.1, trusted by adding it to a copy of the JDK's CA
# store (Java) and of botocore's CA bundle (Python), so both sides load a full-size trust store as in
# Lambda. Nothing in the product disables verification.
tls="$out/tls"
unprotected=(-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE)
mkdir -p "$tls"
if [ ! -f "$tls/truststore.p12" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  # Password-less PKCS12, the format of the JDK's own cacerts since JDK 18 (so Lambda's java21).
  keytool "${unprotected[@]}" -importkeystore -noprompt -srckeystore "$java_home/lib/security/cacerts" \
    -srcstorepass changeit -destkeystore "$tls/truststore.p12" -deststoretype PKCS12 -deststorepass changeit \
    >/dev/null 2>&1
  keytool "${unprotected[@]}" -importcert -noprompt -alias config-stand-in -file "$tls/cert.pem" \
    -keystore "$tls/truststore.p12" -storetype PKCS12 -storepass changeit >/dev/null
  bundle=$("$python" -c 'import botocore.httpsession as h; print(h.DEFAULT_CA_BUNDLE)')
  cat "$bundle" "$tls/cert.pem" > "$tls/ca-bundle.pem"
fi

# The driver goes in a jar of its own: class data sharing (one of the levers measured) takes jars only.
classes="$out/driver-classes"
rm -rf "$classes" && mkdir -p "$classes"
javac --release 17 -d "$classes" -cp "$jar" "$here/ColdStartDriver.java"
driver="$out/coldstart-driver.jar"
jar --create --file "$driver" -C "$classes" .

calls="$out/stand-in-calls.jsonl"
port_file="$out/stand-in.port"
: > "$calls"
rm -f "$port_file"
"$python" "$here/stand_in.py" "$tls/cert.pem" "$tls/key.pem" "$calls" "$port_file" &
stand_in=$!
trap 'kill "$stand_in" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.05; done
[ -s "$port_file" ] || { echo "run.sh: the Config stand-in did not start" >&2; exit 1; }

if [ "$levers" = 1 ]; then
  lever_dir="$out/levers"
  mkdir -p "$lever_dir"
  # The starting point: the CLI jar of the evaluator skeleton (every SDK module, default chains).
  if [ ! -f "$lever_dir/start-cli.jar" ]; then
    start_src=$(mktemp -d)
    git archive 8ad09b0 | tar -x -C "$start_src"
    (cd "$start_src" && mvn -B -q package -DskipTests)
    cp "$start_src/target/ecs-public-ip-rule.jar" "$lever_dir/start-cli.jar"
    rm -rf "$start_src"
  fi
  # Lambda unpacks the deployment package into /var/task and loads classes from there.
  rm -rf "$lever_dir/exploded" && mkdir -p "$lever_dir/exploded"
  (cd "$lever_dir/exploded" && jar --extract --file "$OLDPWD/$jar")
  # Bench-only stand-in for the SDK's service metadata table, Config only.
  rm -rf "$lever_dir/one-service-metadata" && mkdir -p "$lever_dir/one-service-metadata"
  javac --release 17 -cp "$jar" -d "$lever_dir/one-service-metadata" "$here/levers/GeneratedServiceMetadataProvider.java"
  # A trust store of the Amazon roots (and the stand-in) instead of the JDK's full CA list.
  if [ ! -f "$lever_dir/amazon-roots.p12" ]; then
    for alias in $(keytool -list -cacerts -storepass changeit 2>/dev/null \
        | grep -E -i '^debian:(amazon_root_ca_[1-4]|starfield_services_root_certificate_authority_-_g2)' | cut -d, -f1); do
      keytool -exportcert -cacerts -storepass changeit -alias "$alias" -rfc > "$lever_dir/root.pem" 2>/dev/null
      keytool "${unprotected[@]}" -importcert -noprompt -alias "$alias" -file "$lever_dir/root.pem" -keystore "$lever_dir/amazon-roots.p12" \
        -storetype PKCS12 -storepass changeit >/dev/null 2>&1
    done
    keytool "${unprotected[@]}" -importcert -noprompt -alias config-stand-in -file "$tls/cert.pem" -keystore "$lever_dir/amazon-roots.p12" \
      -storetype PKCS12 -storepass changeit >/dev/null
  fi
  rm -f "$lever_dir/evaluator.jsa"  # trained afresh by bench.py for this build
  passthrough=(
    --variant "start: CLI jar of 8ad09b0=$lever_dir/start-cli.jar"
    --variant "evaluator jar, default chains and profile=$jar|env:AWS_LAMBDA_FUNCTION_NAME="
    --variant "evaluator jar (as shipped)=$jar"
    --variant "as shipped, unpacked like /var/task=$lever_dir/exploded"
    --variant "+ Config-only service metadata (not kept)=$lever_dir/one-service-metadata:$jar"
    --variant "+ Amazon-roots trust store (not kept)=$jar|-Djavax.net.ssl.trustStore=$lever_dir/amazon-roots.p12"
    --variant "+ AppCDS archive (not kept)=$jar|-XX:SharedArchiveFile=$lever_dir/evaluator.jsa -Xlog:cds=off"
    --variant "+ bytecode verification off (not kept)=$jar|-XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote"
    "${passthrough[@]}")
fi

"$python" "$here/bench.py" --jar "$jar" --driver-classes "$driver" \
  --event test-events/service-public-ip-enabled.json \
  --endpoint "https://127.0.0.1:$(cat "$port_file")" --calls "$calls" \
  --truststore "$tls/truststore.p12" --ca-bundle "$tls/ca-bundle.pem" \
  --python "$python" --out "$out" "${passthrough[@]}"
