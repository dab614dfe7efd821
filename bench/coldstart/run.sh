#!/usr/bin/env bash
# Cold-start benchmark: the Java evaluator (target/evaluator-lambda.jar) against a minimal Python 3 +
# boto3 rule, each a fresh process per run, putting to a loopback HTTPS stand-in of AWS Config.
#
#   bench/coldstart/run.sh [--no-build] [--jar PATH] [bench.py options, e.g. --pairs 15 --java-opt -Xshare:off]
#
# Needs JDK 17+, Maven, openssl, and Debian's python3-boto3 (apt-get install -y python3-boto3).
# Results are printed as a table and kept in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/coldstart
out=bench/results
python=/usr/bin/python3  # Debian's python3 with python3-boto3, not a pyenv shim

build=1
jar=target/evaluator-lambda.jar
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --jar) jar="$2"; shift ;;
    *) passthrough+=("$1") ;;
  esac
  shift
done

if ! "$python" -c 'import boto3' 2>/dev/null; then
  echo "run.sh: $python has no boto3; install Debian's: apt-get update && apt-get install -y python3-boto3" >&2
  exit 1
fi
if [ "$build" = 1 ]; then
  mvn -B -q package -DskipTests
fi

# TLS material: a self-signed certificate for 127.0.0.1, trusted by adding it to a copy of the JDK's CA
# store (Java) and of botocore's CA bundle (Python), so both sides load a full-size trust store as in
# Lambda. Nothing in the product disables verification.
tls="$out/tls"
mkdir -p "$tls"
if [ ! -f "$tls/truststore.p12" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  # Password-less PKCS12, the format of the JDK's own cacerts since JDK 18 (so Lambda's java21).
  unprotected=(-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE)
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

"$python" "$here/bench.py" --jar "$jar" --driver-classes "$driver" \
  --event test-events/service-public-ip-enabled.json \
  --endpoint "https://127.0.0.1:$(cat "$port_file")" --calls "$calls" \
  --truststore "$tls/truststore.p12" --ca-bundle "$tls/ca-bundle.pem" \
  --python "$python" --out "$out" "${passthrough[@]}"
