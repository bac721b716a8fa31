# Sourced by the benches: `start_garage` starts a throwaway single-node Garage (installed by
# `scripts/setup --scaleout`) in a temporary directory on free local ports, with the bucket
# `bench` and a key, and sets STORE_URL (for BAIQAU_STORAGE_URL); it stops with the script
# (call `stop_garage` from your EXIT trap).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_garage() {
  GARAGE_DIR=$(mktemp -d /tmp/baiqau-bench-garage.XXXXXX)
  local rpc s3 admin secret key_id key_secret node
  rpc=$(free_port); s3=$(free_port); admin=$(free_port)
  secret=$(openssl rand -hex 32)
  cat >"$GARAGE_DIR/garage.toml" <<TOML
metadata_dir = "$GARAGE_DIR/meta"
data_dir = "$GARAGE_DIR/data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:$rpc"
rpc_public_addr = "127.0.0.1:$rpc"
rpc_secret = "$secret"
[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:$s3"
root_domain = ".s3.garage.localhost"
[admin]
api_bind_addr = "127.0.0.1:$admin"
TOML
  garage -c "$GARAGE_DIR/garage.toml" server >"$GARAGE_DIR/server.log" 2>&1 &
  GARAGE_PID=$!
  for _ in $(seq 100); do node=$(garage -c "$GARAGE_DIR/garage.toml" node id -q 2>/dev/null) && break; sleep 0.1; done
  local g=(garage -c "$GARAGE_DIR/garage.toml")
  "${g[@]}" layout assign -z dc1 -c 10G "${node%%@*}" >/dev/null
  "${g[@]}" layout apply --version 1 >/dev/null
  "${g[@]}" bucket create bench >/dev/null
  key_id="GK$(openssl rand -hex 12)"; key_secret=$(openssl rand -hex 32)
  "${g[@]}" key import --yes -n bench "$key_id" "$key_secret" >/dev/null
  "${g[@]}" bucket allow --read --write --owner bench --key "$key_id" >/dev/null
  STORE_URL="s3://$key_id:$key_secret@bench?endpoint=http://127.0.0.1:$s3&region=garage"
}

stop_garage() {
  kill "$GARAGE_PID" 2>/dev/null && wait "$GARAGE_PID" 2>/dev/null
  rm -rf "$GARAGE_DIR"
}
