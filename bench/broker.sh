# Sourced by bench/run.sh and bench/threads.sh, which start the same broker: a single-node KRaft broker in its own
# JVM, from the Kafka jars bench/tools copies (kafka_2.13, the version newsfeed uses), on loopback.

# kafka_config DIR PORT CONTROLLER_PORT: writes DIR/server.properties (data in DIR/data).
kafka_config() {
  mkdir -p "$1"
  cat > "$1/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$3
listeners=PLAINTEXT://localhost:$2,CONTROLLER://localhost:$3
advertised.listeners=PLAINTEXT://localhost:$2
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$1/data
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
}

# kafka_format DIR CLASSPATH: formats the broker's storage for DIR/server.properties, with a new cluster id.
kafka_format() {
  java -cp "$2" kafka.tools.StorageTool format -t "$(java -cp "$2" kafka.tools.StorageTool random-uuid 2> /dev/null)" \
    -c "$1/server.properties" > "$1/format.log" 2>&1
}

# jit_compilations PID: how many methods the JVM's JIT has compiled so far (jstat); empty when jstat cannot read it.
jit_compilations() { { jstat -compiler "$1" 2> /dev/null || true; } | awk 'NR == 2 {print $1}'; }
