#!/usr/bin/env bash
# Runs ProctorWeb as a cluster on this machine, everything on loopback in a temporary folder: PostgreSQL, Redis,
# two nodes ("a" and "b") and nginx with deploy/nginx/proctorweb.conf in front. Ctrl+C stops it all.
#   PORT=8080 bash scripts/cluster.sh      (nginx's port; the nodes take 5001 and 5002)
# Make a first admin (also a teacher) while it runs, in another terminal, with the command it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
port="${PORT:-8080}"
node_ports=(5001 5002)
pg_port=5433
redis_port=6380

bash scripts/install-deps.sh >/dev/null
dotnet build ProctorWeb -c Release --nologo -v quiet

dir="$(mktemp -d /tmp/proctorweb-cluster.XXXXXX)"
chmod 755 "$dir"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    $as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap "exit 130" INT TERM

# PostgreSQL refuses to run as root: as root, its folder belongs to the postgres user.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_postgres=""
mkdir -p "$dir/pg"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir/pg"; as_postgres="runuser -u postgres --"; fi
$as_postgres "$pg_bin/initdb" -D "$dir/pg" -U proctor --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
$as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/log" -w -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg" start >/dev/null

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"

# What every node shares: the database, Redis, the invitation key and one data folder (clips, mail).
export Database__Provider=PostgreSQL
export ConnectionStrings__PostgreSQL="Host=127.0.0.1;Port=$pg_port;Database=proctorweb;Username=proctor"
export Cluster__Redis="127.0.0.1:$redis_port"
export Exams__InvitationKey="$(openssl rand -base64 32)"
export Clips__DataPath="$dir/data/clips"
export Email__PickupFolder="$dir/data/mail"
export ASPNETCORE_ENVIRONMENT=Development

names=(a b)
for i in 0 1; do
    ASPNETCORE_URLS="http://127.0.0.1:${node_ports[$i]}" Cluster__Node="${names[$i]}" Cluster__Address="127.0.0.1:${node_ports[$i]}" \
        dotnet "$root/ProctorWeb/bin/Release/net10.0/ProctorWeb.dll" --contentRoot "$root/ProctorWeb" >"$dir/node-${names[$i]}.log" 2>&1 &
    pids+=($!)
    # One after the other: the first creates the database.
    until curl -sf -o /dev/null "http://127.0.0.1:${node_ports[$i]}/"; do
        if ! kill -0 "${pids[-1]}" 2>/dev/null; then
            echo "Node ${names[$i]} stopped while starting:" >&2
            tail -30 "$dir/node-${names[$i]}.log" >&2
            exit 1
        fi
        sleep 0.5
    done
done

mkdir -p "$dir/nginx/temp"
sed -e "s|127.0.0.1:5001|127.0.0.1:${node_ports[0]}|; s|127.0.0.1:5002|127.0.0.1:${node_ports[1]}|" \
    -e "s|listen 8080;|listen 127.0.0.1:$port;|" -e "s|/var/log/nginx/|$dir/nginx/|g" \
    deploy/nginx/proctorweb.conf >"$dir/nginx/proctorweb.conf"
user=""
if [ "$(id -u)" -eq 0 ]; then user="user root;"; fi
cat >"$dir/nginx/nginx.conf" <<EOF
$user
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
    client_body_temp_path $dir/nginx/temp/body;
    proxy_temp_path $dir/nginx/temp/proxy;
    fastcgi_temp_path $dir/nginx/temp/fastcgi;
    uwsgi_temp_path $dir/nginx/temp/uwsgi;
    scgi_temp_path $dir/nginx/temp/scgi;
    include $dir/nginx/proctorweb.conf;
}
EOF
nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)

cat <<EOF
ProctorWeb cluster: http://127.0.0.1:$port/ (nginx) in front of nodes a (:${node_ports[0]}) and b (:${node_ports[1]}).
Logs: $dir
First admin:  env ConnectionStrings__PostgreSQL="$ConnectionStrings__PostgreSQL" Database__Provider=PostgreSQL \\
  dotnet ProctorWeb/bin/Release/net10.0/ProctorWeb.dll create-admin --email you@example.org --name "Your Name"
Kill a node (kill -9 on its pid: ${pids[0]} ${pids[1]}) to watch its exams move. Ctrl+C stops everything.
EOF
wait "${pids[@]}"
