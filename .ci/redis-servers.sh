#!/usr/bin/env bash
# Helpers to run throw-away redis-server instances on loopback for CI.
#
# Source this file, then:
#   start_standalone   -> sets REDIS_STANDALONE_PORT
#   start_cluster      -> sets REDIS_CLUSTER_PORTS (array of 3 ports)
#   stop_all           -> stops every server started here and removes the temp dir
#                         (idempotent: safe to call again, e.g. from an EXIT trap)
#
# Every function returns non-zero on failure (they do not rely on `set -e`, which bash
# ignores inside functions called from an `||` / `if` context).
#
# Tunables (environment):
#   CACHEGEN_CI_REDIS_PORT_BASE   first port to try (default 16379); ports are scanned upwards
#   CACHEGEN_CI_REDIS_PORT_SPAN   how many ports to scan (default 2000)

REDIS_CI_TMPDIR="${REDIS_CI_TMPDIR:-}"
REDIS_CI_PIDFILES=()
REDIS_CI_NEXT_PORT="${CACHEGEN_CI_REDIS_PORT_BASE:-16379}"
REDIS_CI_PORT_LIMIT=$(( REDIS_CI_NEXT_PORT + ${CACHEGEN_CI_REDIS_PORT_SPAN:-2000} ))
REDIS_STANDALONE_PORT=""
REDIS_CLUSTER_PORTS=()

_redis_log() { echo "[redis-ci] $*" >&2; }

_redis_tmpdir() {
    if [[ -z "$REDIS_CI_TMPDIR" || ! -d "$REDIS_CI_TMPDIR" ]]; then
        REDIS_CI_TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/cachegen-ci-redis.XXXXXX")" || return 1
    fi
}

# True when something is listening on TCP port $1 (any address), or the port is otherwise busy.
redis_port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [[ -n "$(ss -Hltn "( sport = :$port )" 2>/dev/null)" ]] && return 0
    fi
    # Fallback (and extra check): can we connect to it?
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        return 0
    fi
    return 1
}

# Prints the next port P >= REDIS_CI_NEXT_PORT that is free (and, with "bus", P+10000 too).
# Must be called without command substitution so that REDIS_CI_NEXT_PORT advances: result in REDIS_CI_PORT.
_redis_pick_port() {
    local need_bus=${1:-}
    local p=$REDIS_CI_NEXT_PORT
    while (( p < REDIS_CI_PORT_LIMIT )); do
        if ! redis_port_in_use "$p" && { [[ -z "$need_bus" ]] || ! redis_port_in_use $(( p + 10000 )); }; then
            REDIS_CI_PORT=$p
            REDIS_CI_NEXT_PORT=$(( p + 1 ))
            return 0
        fi
        p=$(( p + 1 ))
    done
    _redis_log "no free port found in [$REDIS_CI_NEXT_PORT, $REDIS_CI_PORT_LIMIT)"
    return 1
}

# The pid in pidfile $1, if that process is still a running redis-server.
_redis_pid_alive() {
    local pidfile=$1 pid
    [[ -s "$pidfile" ]] || return 1
    pid="$(tr -dc '0-9' < "$pidfile")"
    [[ -n "$pid" ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # Guard against pid reuse: only ever touch redis-server processes.
    if [[ -r "/proc/$pid/comm" ]] && ! grep -q '^redis-server' "/proc/$pid/comm"; then
        return 1
    fi
    echo "$pid"
}

# Stops the server whose pidfile is $1: SIGTERM, wait up to ~10 s, then SIGKILL.
_redis_stop_one() {
    local pidfile=$1 pid i
    pid="$(_redis_pid_alive "$pidfile")" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for (( i = 0; i < 100; i++ )); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    _redis_log "redis-server pid $pid did not stop after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for (( i = 0; i < 50; i++ )); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    _redis_log "redis-server pid $pid is still running"
    return 1
}

# Waits (bounded, ~15 s) until the server on port $1 answers PING.
redis_wait_ping() {
    local port=$1 pidfile=${2:-} i
    for (( i = 0; i < 150; i++ )); do
        if [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == "PONG" ]]; then
            return 0
        fi
        # Once the daemon has given up (e.g. the port was taken meanwhile), stop waiting early.
        if [[ -n "$pidfile" ]] && (( i > 20 )) && ! _redis_pid_alive "$pidfile" >/dev/null; then
            return 1
        fi
        sleep 0.1
    done
    return 1
}

# _redis_launch NAME [extra redis-server args...]
# Starts one daemonized server on a free port, retrying with the next ports if it cannot start.
# Result: REDIS_CI_PORT (port), REDIS_CI_DIR (its directory).
_redis_launch() {
    local name=$1; shift
    local need_bus="" attempt dir port pidfile logfile
    local -a extra=("$@")
    [[ " ${extra[*]} " == *" --cluster-enabled "* ]] && need_bus=bus
    _redis_tmpdir || return 1
    for (( attempt = 1; attempt <= 5; attempt++ )); do
        _redis_pick_port "$need_bus" || return 1
        port=$REDIS_CI_PORT
        dir="$REDIS_CI_TMPDIR/$name-$port"
        mkdir -p "$dir" || return 1
        pidfile="$dir/redis.pid"
        logfile="$dir/redis.log"
        REDIS_CI_PIDFILES+=("$pidfile")
        local -a args=(--bind 127.0.0.1 --port "$port" --daemonize yes
                       --save '' --appendonly no
                       --pidfile "$pidfile" --logfile "$logfile" --dir "$dir")
        local a
        for a in "${extra[@]}"; do
            args+=("${a//@DIR@/$dir}")
        done
        if redis-server "${args[@]}" </dev/null >/dev/null 2>&1 && redis_wait_ping "$port" "$pidfile"; then
            REDIS_CI_DIR=$dir
            _redis_log "$name: redis-server on 127.0.0.1:$port (pid $(cat "$pidfile" 2>/dev/null))"
            return 0
        fi
        _redis_log "$name: redis-server on port $port did not come up (attempt $attempt); log:"
        tail -n 20 "$logfile" >&2 2>/dev/null || true
        _redis_stop_one "$pidfile" || true
    done
    return 1
}

start_standalone() {
    command -v redis-server >/dev/null 2>&1 || { _redis_log "redis-server not on PATH"; return 1; }
    _redis_launch standalone || return 1
    REDIS_STANDALONE_PORT=$REDIS_CI_PORT
}

start_cluster() {
    command -v redis-server >/dev/null 2>&1 || { _redis_log "redis-server not on PATH"; return 1; }
    command -v redis-cli >/dev/null 2>&1 || { _redis_log "redis-cli not on PATH"; return 1; }
    local i port ok
    local -a ports=() endpoints=()
    for i in 1 2 3; do
        _redis_launch "cluster$i" --cluster-enabled yes --cluster-config-file "@DIR@/nodes.conf" \
            --cluster-node-timeout 5000 || return 1
        ports+=("$REDIS_CI_PORT")
        endpoints+=("127.0.0.1:$REDIS_CI_PORT")
    done
    REDIS_CLUSTER_PORTS=("${ports[@]}")

    local create_log="$REDIS_CI_TMPDIR/cluster-create.log"
    if ! redis-cli --cluster create "${endpoints[@]}" --cluster-replicas 0 --cluster-yes \
            </dev/null >"$create_log" 2>&1; then
        _redis_log "redis-cli --cluster create failed:"
        cat "$create_log" >&2
        return 1
    fi

    # Wait (bounded, ~30 s) until every node reports cluster_state:ok and knows all 3 nodes.
    for (( i = 0; i < 300; i++ )); do
        ok=1
        for port in "${ports[@]}"; do
            local info
            info="$(redis-cli -h 127.0.0.1 -p "$port" cluster info 2>/dev/null | tr -d '\r')"
            if ! grep -qx 'cluster_state:ok' <<<"$info" || ! grep -qx 'cluster_known_nodes:3' <<<"$info"; then
                ok=0
                break
            fi
        done
        if (( ok )); then
            _redis_log "cluster ready: ${endpoints[*]}"
            return 0
        fi
        sleep 0.1
    done
    _redis_log "cluster did not reach cluster_state:ok within 30 s:"
    for port in "${ports[@]}"; do
        echo "--- 127.0.0.1:$port" >&2
        redis-cli -h 127.0.0.1 -p "$port" cluster info >&2 2>&1 || true
    done
    return 1
}

# Stops every server started by this file and removes the temp dir. Idempotent.
stop_all() {
    local rc=0 pidfile
    if [[ -n "$REDIS_CI_TMPDIR" && -d "$REDIS_CI_TMPDIR" ]]; then
        # Also catch pidfiles of servers whose launch did not get recorded.
        while IFS= read -r pidfile; do
            REDIS_CI_PIDFILES+=("$pidfile")
        done < <(find "$REDIS_CI_TMPDIR" -name redis.pid 2>/dev/null)
    fi
    for pidfile in "${REDIS_CI_PIDFILES[@]}"; do
        _redis_stop_one "$pidfile" || rc=1
    done
    REDIS_CI_PIDFILES=()
    if [[ -n "$REDIS_CI_TMPDIR" ]]; then
        rm -rf -- "$REDIS_CI_TMPDIR" 2>/dev/null || true
        REDIS_CI_TMPDIR=""
    fi
    REDIS_STANDALONE_PORT=""
    REDIS_CLUSTER_PORTS=()
    return $rc
}
