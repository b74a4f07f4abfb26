#!/usr/bin/env bash
# Generates the TLS test fixtures used by gather's tests (ScriptedServer / TestTls).
#
# The committed files were made by exactly this command, run from the repository root:
#
#     bash src/test/resources/tls/make-certs.sh
#
# (OpenSSL 3.0.19; no keytool needed.) Outputs, all in this folder:
#   ca.pem / ca.key                         test CA (EC P-256), valid 2024-01-01 .. 2124-01-01
#   localhost.pem / .key / .p12             CA-signed, SAN localhost, 127.0.0.1, ::1, 2024..2124
#   expired.pem / .key / .p12               CA-signed, same SANs, valid 2020-01-01 .. 2020-01-02 only
#   wronghost.pem / .key / .p12             CA-signed, SAN only DNS:other.example, 2024..2124
#   selfsigned.pem / .key / .p12            self-signed (not by the CA), SAN localhost, 127.0.0.1, ::1
#   client.pem / .key / .p12                client certificate (EC P-256, CN gather test client,
#                                           extendedKeyUsage clientAuth), CA-signed, 2024..2124
#   client-rsa.pem / .key                   the same with an RSA 2048 key (PKCS#8)
# The client certificates were added later, with the CA already committed, by
#
#     bash src/test/resources/tls/make-certs.sh client
#
# which makes only them (signed by the existing ca.pem/ca.key) and leaves every other file alone.
# Every .p12 has password "changeit" and a single key entry with alias (friendly name) "server"
# holding the key and the chain (leaf + CA; just the leaf for selfsigned).
# Re-running regenerates everything (new keys): commit all outputs together.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$DIR"
PASS=changeit
# Fixed validity window (rather than "now + N days") so that the files do not depend on the
# clock of the machine that made them: 2024-01-01 .. 2124-01-01.
VALID=(-startdate 20240101000000Z -enddate 21240101000000Z)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

newkey() { # $1 = output key file (PKCS#8, unencrypted)
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
}

# ---- minimal `openssl ca` setup (needed for explicit -startdate/-enddate on OpenSSL 3.0) ------
mkdir -p "$WORK/newcerts"
: > "$WORK/index.txt"
echo 1000 > "$WORK/serial"
cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = testca
[ testca ]
dir           = $WORK
database      = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial        = \$dir/serial
certificate   = $DIR/ca.pem
private_key   = $DIR/ca.key
default_md    = sha256
policy        = policy_any
unique_subject = no
copy_extensions = none
email_in_dn   = no
[ policy_any ]
commonName = supplied
[ ext_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ ext_selfsigned ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
subjectKeyIdentifier = hash
[ ext_localhost ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ext_wronghost ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ext_client ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

# $1 = name, $2 = CN, $3 = extension section, rest = validity args for `openssl ca`
casigned() {
  local name=$1 cn=$2 ext=$3; shift 3
  newkey "$name.key"
  openssl req -new -key "$name.key" -subj "/CN=$cn" -out "$WORK/$name.csr"
  openssl ca -batch -notext -config "$WORK/ca.cnf" -extensions "$ext" "$@" \
    -in "$WORK/$name.csr" -out "$name.pem"
  openssl pkcs12 -export -name server -inkey "$name.key" -in "$name.pem" -certfile ca.pem \
    -passout "pass:$PASS" -out "$name.p12"
}

# ---- client certificates (EC and RSA keys, PKCS#8 unencrypted), signed by the CA --------------
make_clients() {
  newkey client.key
  openssl req -new -key client.key -subj "/CN=gather test client" -out "$WORK/client.csr"
  openssl ca -batch -notext -config "$WORK/ca.cnf" -extensions ext_client "${VALID[@]}" \
    -in "$WORK/client.csr" -out client.pem
  openssl pkcs12 -export -name client -inkey client.key -in client.pem -certfile ca.pem \
    -passout "pass:$PASS" -out client.p12
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client-rsa.key
  openssl req -new -key client-rsa.key -subj "/CN=gather test client rsa" -out "$WORK/client-rsa.csr"
  openssl ca -batch -notext -config "$WORK/ca.cnf" -extensions ext_client "${VALID[@]}" \
    -in "$WORK/client-rsa.csr" -out client-rsa.pem
}
if [[ "${1:-}" == client ]]; then
  echo 2000 > "$WORK/serial"
  make_clients
  echo "client TLS fixtures written to $DIR"
  exit 0
fi

# ---- CA (self-signed via `openssl ca -selfsign`, which accepts explicit start/end dates) -----
newkey ca.key
openssl req -new -key ca.key -subj "/CN=gather test CA" -out "$WORK/ca.csr"
openssl ca -batch -notext -config "$WORK/ca.cnf" -selfsign -keyfile ca.key -extensions ext_ca \
  "${VALID[@]}" -in "$WORK/ca.csr" -out ca.pem

casigned localhost localhost     ext_localhost "${VALID[@]}"
casigned expired   localhost     ext_localhost -startdate 20200101000000Z -enddate 20200102000000Z
casigned wronghost other.example ext_wronghost "${VALID[@]}"

# ---- self-signed leaf (own key, not signed by the CA, so untrusted) ---------------------------
newkey selfsigned.key
openssl req -new -key selfsigned.key -subj "/CN=localhost" -out "$WORK/selfsigned.csr"
openssl ca -batch -notext -config "$WORK/ca.cnf" -selfsign -keyfile selfsigned.key \
  -extensions ext_selfsigned "${VALID[@]}" -in "$WORK/selfsigned.csr" -out selfsigned.pem
openssl pkcs12 -export -name server -inkey selfsigned.key -in selfsigned.pem \
  -passout "pass:$PASS" -out selfsigned.p12

make_clients

echo "TLS fixtures written to $DIR"
