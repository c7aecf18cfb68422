#!/bin/bash
# Starts docker-compose.yml's Kafka with deploy/kafka/server.properties.
# DEVELOPMENT ONLY. On the first start it formats the KRaft store with one
# SCRAM-SHA-512 user per newsroom principal, whose passwords come from the
# NEWSROOM_DEV_KAFKA_PASSWORD_<USER> variables of docker-compose.yml. To change
# a password later, use kafka-configs.sh --alter --add-config 'SCRAM-SHA-512=[...]'
# (see docs/deployment.md) or remove the kafka-data volume.
set -euo pipefail
CONFIG=/etc/newsroom-kafka/server.properties
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  scram=()
  for user in newsroom-admin drafting editorial-review publishing notifications desk; do
    variable="NEWSROOM_DEV_KAFKA_PASSWORD_$(echo "$user" | tr 'a-z-' 'A-Z_')"
    scram+=(--add-scram "SCRAM-SHA-512=[name=${user},password=${!variable:?$variable is not set}]")
  done
  /opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$CLUSTER_ID" -c "$CONFIG" "${scram[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"
